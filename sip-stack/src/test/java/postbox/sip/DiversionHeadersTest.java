package postbox.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DiversionHeadersTest {

    /** One block of {@code diversion/examples.txt}. */
    record Example(String name, String requestUser, List<String> diversion, List<String> historyInfo,
                   Optional<Diversion> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> examples() {
        List<Arguments> examples = new ArrayList<>();
        for (String block : TestFiles.read("/diversion/examples.txt").split("\n\\s*\n")) {
            String name = null;
            String requestUser = null;
            String expect = null;
            List<String> diversion = new ArrayList<>();
            List<String> historyInfo = new ArrayList<>();
            for (String line : block.split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String key = line.substring(0, line.indexOf(':')).trim();
                String value = line.substring(line.indexOf(':') + 1).trim();
                switch (key) {
                    case "name" -> name = value;
                    case "request-user" -> requestUser = value;
                    case "expect" -> expect = value;
                    case "Diversion" -> diversion.add(value);
                    case "History-Info" -> historyInfo.add(value);
                    default -> throw new IllegalArgumentException("unknown line in examples.txt: " + line);
                }
            }
            if (name == null) {
                continue;
            }
            Optional<Diversion> expected = "none".equals(expect) ? Optional.empty() : Optional.of(new Diversion(
                    expect.split(" ")[0], DivertReason.valueOf(expect.split(" ")[1])));
            examples.add(Arguments.of(new Example(name, requestUser, diversion, historyInfo, expected)));
        }
        return examples.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void readsTheOriginallyCalledParty(Example example) {
        assertThat(DiversionHeaders.parse(example.diversion(), example.historyInfo(), example.requestUser()))
                .isEqualTo(example.expected());
    }

    @Test
    void theExamplesFileHasEveryCase() {
        assertThat(examples()).hasSizeGreaterThanOrEqualTo(19);
    }

    @Test
    void splitsOnlyAtCommasOutsideQuotesAndBrackets() {
        assertThat(DiversionHeaders.splitValues("\"Smith, J\" <sip:1@a;x=\"p,q\">;r=1, <sip:2@b?h=a,b>;r=2"))
                .isEqualTo(Arrays.asList("\"Smith, J\" <sip:1@a;x=\"p,q\">;r=1", "<sip:2@b?h=a,b>;r=2"));
    }
}

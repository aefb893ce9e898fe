package postbox.sip;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One {@code a=crypto} attribute of an SDP offer that Postbox can key SRTP with (SDES, RFC 4568 section 9.1):
 * {@code <tag> <suite> inline:<key||salt>[|<lifetime>][|<MKI>:<length>] [<session parameters>]} with a suite of
 * {@link Crypto#SUITES}, exactly one 30-byte inline key, no MKI (the media engine keys without one), a lifetime of
 * at least 2^{@value #MIN_LIFETIME_EXPONENT} packets (Postbox does not re-key during a call; 2^20
 * packets are 5.8 hours at 20 ms) and no session parameters but a key derivation rate of 0 and a window size
 * hint. Immutable values.
 *
 * @param tag     the attribute's tag (the answer echoes it)
 * @param suite   one of {@link Crypto#SUITES}
 * @param keySalt the master key || salt, {@link Crypto#KEY_SALT_BYTES} bytes
 */
record CryptoLine(int tag, String suite, byte[] keySalt) {

    /** The shortest key lifetime Postbox honours, as a power of two: 2^20 packets. */
    static final int MIN_LIFETIME_EXPONENT = 20;

    /** Which line to answer, or why none will do. */
    sealed interface Choice {
        /** This line. */
        record Chosen(CryptoLine line) implements Choice {
        }

        /** None: what is wrong with each line, for the Warning. */
        record NoneUsable(String why) implements Choice {
        }
    }

    /**
     * Picks the line to answer from the values of an m-line's {@code a=crypto} attributes: the first usable
     * AES_CM_128_HMAC_SHA1_80 line, else the first usable AES_CM_128_HMAC_SHA1_32 one.
     */
    static Choice choose(List<String> values) {
        if (values.isEmpty()) {
            return new Choice.NoneUsable("RTP/SAVP offered without an a=crypto line; Postbox takes SDES keys"
                    + " (RFC 4568)");
        }
        List<CryptoLine> usable = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String value : values) {
            switch (read(value)) {
                case Choice.Chosen chosen -> usable.add(chosen.line());
                case Choice.NoneUsable none -> problems.add(none.why());
            }
        }
        for (String suite : Crypto.SUITES) {
            Optional<CryptoLine> line = usable.stream().filter(l -> l.suite().equals(suite)).findFirst();
            if (line.isPresent()) {
                return new Choice.Chosen(line.get());
            }
        }
        return new Choice.NoneUsable("no usable a=crypto line: " + String.join("; ", problems) + ". Postbox takes "
                + String.join(" or ", Crypto.SUITES) + " with one inline 30-byte key, without MKI");
    }

    /** One attribute value: the line, or what is wrong with it. */
    static Choice read(String value) {
        String[] fields = value.trim().split("\\s+");
        if (fields.length < 3 || !fields[0].matches("\\d{1,9}")) {
            return new Choice.NoneUsable("'" + value.trim() + "' is not a crypto attribute");
        }
        int tag = Integer.parseInt(fields[0]);
        String suite = fields[1];
        String prefix = "tag " + tag + ": ";
        if (!Crypto.SUITES.contains(suite)) {
            return new Choice.NoneUsable(prefix + "suite " + suite + " is not supported");
        }
        if (fields[2].contains(";")) {
            return new Choice.NoneUsable(prefix + "several keys (switched by MKI) are not supported");
        }
        if (!fields[2].toLowerCase(Locale.ROOT).startsWith("inline:")) {
            return new Choice.NoneUsable(prefix + "key method " + fields[2].split(":")[0] + " is not supported");
        }
        String[] keyInfo = fields[2].substring("inline:".length()).split("\\|", -1);
        Optional<String> problem = keyProblem(keyInfo[0]);
        for (int i = 1; i < keyInfo.length && problem.isEmpty(); i++) {
            problem = keyInfo[i].contains(":")
                    ? Optional.of("MKI " + keyInfo[i] + " is not supported (Postbox keys SRTP without MKI)")
                    : lifetimeProblem(keyInfo[i]);
        }
        for (int i = 3; i < fields.length && problem.isEmpty(); i++) {
            problem = sessionParameterProblem(fields[i]);
        }
        if (problem.isPresent()) {
            return new Choice.NoneUsable(prefix + problem.get());
        }
        return new Choice.Chosen(new CryptoLine(tag, suite, Base64.getDecoder().decode(keyInfo[0])));
    }

    private static Optional<String> keyProblem(String base64) {
        try {
            int bytes = Base64.getDecoder().decode(base64).length;
            return bytes == Crypto.KEY_SALT_BYTES ? Optional.empty()
                    : Optional.of("the key and salt are " + bytes + " bytes, " + Crypto.KEY_SALT_BYTES + " needed");
        } catch (IllegalArgumentException e) {
            return Optional.of("the key is not base64");
        }
    }

    private static Optional<String> lifetimeProblem(String lifetime) {
        String tooShort = "key lifetime " + lifetime + " is shorter than Postbox honours (2^" + MIN_LIFETIME_EXPONENT
                + " packets or more; it does not re-key during a call)";
        if (lifetime.matches("2\\^\\d{1,2}")) {
            return Integer.parseInt(lifetime.substring(2)) >= MIN_LIFETIME_EXPONENT ? Optional.empty()
                    : Optional.of(tooShort);
        }
        if (lifetime.matches("\\d{1,18}")) {
            return Long.parseLong(lifetime) >= 1L << MIN_LIFETIME_EXPONENT ? Optional.empty()
                    : Optional.of(tooShort);
        }
        return Optional.of("key lifetime '" + lifetime + "' is not a number");
    }

    private static Optional<String> sessionParameterProblem(String parameter) {
        String upper = parameter.toUpperCase(Locale.ROOT);
        if (upper.equals("KDR=0") || upper.matches("WSH=\\d+")) {
            return Optional.empty();
        }
        return Optional.of("session parameter " + parameter + " is not supported");
    }
}

package postbox.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.net.DatagramSocket;
import java.nio.channels.DatagramChannel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dependency direction of ARCHITECTURE.md as a build error: the libraries' jars (jain-sip-ri, libjitsi) are
 * automatic modules with split packages, so module-info.java cannot state it; these rules do. Maven's module
 * dependencies already stop sip-stack, media and storage from seeing each other; these rules stop the library
 * types from leaking upwards.
 */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importPostbox() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("postbox");
    }

    @Test
    void onlyTheSipStackTouchesJainSip() {
        noClasses().that().resideOutsideOfPackage("postbox.sip..")
                .should().dependOnClassesThat().resideInAnyPackage("javax.sip..", "javax.sdp..", "gov.nist..")
                .check(classes);
    }

    @Test
    void onlyMediaTouchesRtpLibraries() {
        noClasses().that().resideOutsideOfPackage("postbox.media..")
                .should().dependOnClassesThat().resideInAnyPackage("org.jitsi..")
                .orShould().dependOnClassesThat().belongToAnyOf(DatagramChannel.class, DatagramSocket.class)
                .because("only media touches RTP")
                .check(classes);
    }

    @Test
    void onlyStorageTouchesNats() {
        noClasses().that().resideOutsideOfPackage("postbox.store..")
                .should().dependOnClassesThat().resideInAnyPackage("io.nats..")
                .because("multi-node links ride NATS JetStream through postbox.store.nats only")
                .check(classes);
    }

    @Test
    void sipMediaAndStorageKnowNothingOfEachOther() {
        noClasses().that().resideInAPackage("postbox.sip..")
                .should().dependOnClassesThat().resideInAnyPackage("postbox.media..", "postbox.store..",
                        "postbox.ivr..", "postbox.server..")
                .check(classes);
        noClasses().that().resideInAPackage("postbox.media..")
                .should().dependOnClassesThat().resideInAnyPackage("postbox.sip..", "postbox.store..",
                        "postbox.ivr..", "postbox.server..")
                .check(classes);
        noClasses().that().resideInAPackage("postbox.store..")
                .should().dependOnClassesThat().resideInAnyPackage("postbox.sip..", "postbox.media..",
                        "postbox.ivr..", "postbox.server..")
                .check(classes);
    }

    @Test
    void callFlowsSeeMediaAndStorageButNotSipOrTheServer() {
        noClasses().that().resideInAPackage("postbox.ivr..")
                .should().dependOnClassesThat().resideInAnyPackage("postbox.sip..", "postbox.server..")
                .check(classes);
    }
}

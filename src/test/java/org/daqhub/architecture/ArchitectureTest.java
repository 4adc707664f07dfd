package org.daqhub.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.Map;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.daqhub.web.HubException;

/**
 * The layout the README describes, enforced: per-packet and per-image code in processors/ is plain
 * Java (no Spring, no Camel) and never reaches back into the application; the capabilities stand
 * side by side, the writer using the detector only.
 */
@AnalyzeClasses(packages = "org.daqhub", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** The application's own packages: Spring and Camel live there. */
    private static final String[] APPLICATION = {"org.daqhub.detector..", "org.daqhub.writer..",
        "org.daqhub.events..", "org.daqhub.registry..", "org.daqhub.requests..", "org.daqhub.datastore..",
        "org.daqhub.auth..", "org.daqhub.web..", "org.daqhub.routes..", "org.daqhub.config..", "org.daqhub.broker..",
        "org.daqhub.capabilities..", "org.daqhub.metrics..", "org.daqhub.console.."};

    @ArchTest
    static final ArchRule processorsAndToolsArePlainJava = noClasses().that()
            .resideInAnyPackage("org.daqhub.processors..", "org.daqhub.tools..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.camel..")
            .because("per-packet and per-image code, and the tools beside it, run without Spring or Camel");

    @ArchTest
    static final ArchRule processorsAndToolsDoNotReachBackIntoTheApplication = noClasses().that()
            .resideInAnyPackage("org.daqhub.processors..", "org.daqhub.tools..").should().dependOnClassesThat()
            .resideInAnyPackage(APPLICATION);

    @ArchTest
    static final ArchRule processorsDoNotUseTheTools = noClasses().that().resideInAPackage("org.daqhub.processors..")
            .should().dependOnClassesThat().resideInAPackage("org.daqhub.tools..")
            .because("the simulator and the transformer use the data path, never the other way round");

    @ArchTest
    static final ArchRule theDataPathIsFreeOfCycles = slices().matching("org.daqhub.processors.(*)..")
            .should().beFreeOfCycles()
            .because("receive, buffer, zmq, filewriter build on each other in one direction; datapath puts them together");

    @ArchTest
    static final ArchRule thePackagesAreFreeOfCycles = slices().matching("org.daqhub.(*)..").should().beFreeOfCycles()
            .because("each package builds on the ones below it; a cycle means two packages are one");

    @ArchTest
    static final ArchRule capabilitiesDoNotUseEachOther = slices()
            .matching("org.daqhub.(registry|events|requests|datastore|detector)..").should().notDependOnEachOther()
            .because("each capability can be turned off alone (daqhub.capabilities)");

    @ArchTest
    static final ArchRule onlyTheWriterUsesTheDetector = noClasses().that()
            .resideInAnyPackage("org.daqhub.registry..", "org.daqhub.events..", "org.daqhub.requests..",
                    "org.daqhub.datastore..").should().dependOnClassesThat()
            .resideInAnyPackage("org.daqhub.writer..", "org.daqhub.detector..")
            .because("the writer needs the detector (daqhub.capabilities refuses it alone); nothing else does");

    @ArchTest
    static final ArchRule noCapabilityUsesTheWriter = noClasses().that().resideOutsideOfPackage("org.daqhub.writer..")
            .should().dependOnClassesThat().resideInAPackage("org.daqhub.writer..");

    /**
     * The capabilities' services hold their logic without Camel's Exchange: the routes pass them
     * values (bean method arguments in the YAML), and where a step must read or shape a whole
     * message (AMQP headers, a Camel component) one adapter per capability does it.
     */
    /**
     * The adapters (with their inner classes): WriterMessages, EventStreamMessages, the detector:
     * component's DetectorConsumer, and OpenApiSecurity, a step of Camel's /openapi.json route.
     */
    private static final DescribedPredicate<JavaClass> CAMEL_ADAPTER = DescribedPredicate.describe(
            "an adapter to Camel (*Messages, *Consumer, OpenApiSecurity)", c -> {
                String top = c.getName().replaceAll("\\$.*", "");
                String simple = top.substring(top.lastIndexOf('.') + 1);
                return simple.endsWith("Messages") || simple.endsWith("Consumer") || simple.equals("OpenApiSecurity");
            });

    @ArchTest
    static final ArchRule onlyAdaptersTakeCamelsExchange = noClasses().that()
            .resideInAnyPackage("org.daqhub.registry..", "org.daqhub.events..", "org.daqhub.requests..",
                    "org.daqhub.datastore..", "org.daqhub.detector..", "org.daqhub.writer..", "org.daqhub.auth..")
            .and(DescribedPredicate.not(CAMEL_ADAPTER))
            .should().dependOnClassesThat().haveFullyQualifiedName("org.apache.camel.Exchange")
            .because("services are called with values and tested without Camel (docs/architecture.md)");

    /** Capabilities name what went wrong (a {@code Problem}); the HTTP status it means is the web layer's. */
    @ArchTest
    static final ArchRule onlyTheWebLayerSpeaksInHttpStatuses = noClasses().that().resideOutsideOfPackage("org.daqhub.web..")
            .should().callConstructor(HubException.class, int.class, String.class)
            .orShould().callConstructor(HubException.class, int.class, String.class, Map.class)
            .orShould().callConstructor(HubException.class, int.class, String.class, Map.class, Map.class)
            .because("services say NOT_FOUND or CONFLICT; org.daqhub.web.Problem maps each to its status once");
}

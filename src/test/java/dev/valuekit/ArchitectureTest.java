package dev.valuekit;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.GeneralCodingRules.ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package layering, pinned (the living version of DESIGN.md section 1). From the bottom:
 * <pre>
 *   base      common, tensor, table, artifact, env   (each depends at most on common)
 *   fit       the shared training loop
 *   models    dynamics, cltv, policy                 (peers: none uses another)
 *   engines   rollout, value                         (peers)
 *   analyses  evaluate, adapt, onnx                  (peers)
 *   cli       the commands
 * </pre>
 * A layer may use any layer below it, never one above or a peer. Domain packages never see picocli or
 * the commands, and only the commands write to stdout/stderr (domain code reports through
 * ProgressListener).
 */
@AnalyzeClasses(packages = "dev.valuekit", importOptions = {ImportOption.DoNotIncludeTests.class, ImportOption.DoNotIncludeJars.class})
class ArchitectureTest {
    private static final String[] BASE = {"dev.valuekit.common..", "dev.valuekit.tensor..", "dev.valuekit.table..",
            "dev.valuekit.artifact..", "dev.valuekit.env.."};

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("dev.valuekit.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("base").definedBy(BASE)
            .layer("fit").definedBy("dev.valuekit.fit..")
            .layer("models").definedBy("dev.valuekit.dynamics..", "dev.valuekit.cltv..", "dev.valuekit.policy..")
            .layer("engines").definedBy("dev.valuekit.rollout..", "dev.valuekit.value..")
            .layer("analyses").definedBy("dev.valuekit.evaluate..", "dev.valuekit.adapt..", "dev.valuekit.onnx..")
            .layer("cli").definedBy("dev.valuekit.cli..")
            .whereLayer("cli").mayNotBeAccessedByAnyLayer()
            .whereLayer("analyses").mayOnlyBeAccessedByLayers("cli")
            .whereLayer("engines").mayOnlyBeAccessedByLayers("analyses", "cli")
            .whereLayer("models").mayOnlyBeAccessedByLayers("engines", "analyses", "cli")
            .whereLayer("fit").mayOnlyBeAccessedByLayers("models", "engines", "analyses", "cli");

    @ArchTest
    static final ArchRule baseIsPeers = peers("dev.valuekit.tensor..", "dev.valuekit.table..", "dev.valuekit.artifact..",
            "dev.valuekit.env..");

    @ArchTest
    static final ArchRule commonDependsOnNothing = noClasses().that().resideInAPackage("dev.valuekit.common..")
            .should().dependOnClassesThat().resideInAnyPackage(BASE[1], BASE[2], BASE[3], BASE[4]);

    @ArchTest
    static final ArchRule modelsArePeers = peers("dev.valuekit.dynamics..", "dev.valuekit.cltv..", "dev.valuekit.policy..");

    @ArchTest
    static final ArchRule enginesArePeers = peers("dev.valuekit.rollout..", "dev.valuekit.value..");

    @ArchTest
    static final ArchRule analysesArePeers = peers("dev.valuekit.evaluate..", "dev.valuekit.adapt..", "dev.valuekit.onnx..");

    @ArchTest
    static final ArchRule domainNeverSeesTheCli = noClasses().that().resideOutsideOfPackage("dev.valuekit.cli..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.valuekit.cli..", "picocli..");

    @ArchTest
    static final ArchRule onlyTheCliPrints = noClasses().that().resideOutsideOfPackage("dev.valuekit.cli..")
            .should(ACCESS_STANDARD_STREAMS);

    /** No package of the group uses another of the group. */
    private static ArchRule peers(String... packages) {
        ArchRule rule = null;
        for (String p : packages) {
            String[] others = java.util.Arrays.stream(packages).filter(o -> !o.equals(p)).toArray(String[]::new);
            ArchRule r = noClasses().that().resideInAPackage(p).should().dependOnClassesThat().resideInAnyPackage(others);
            rule = rule == null ? r : com.tngtech.archunit.lang.CompositeArchRule.of(rule).and(r);
        }
        return rule;
    }
}

package org.fnmisp;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.slf4j.LoggerFactory;

/**
 * The layering of the main code: which of our packages each package may use, read from the compiled classes, so an
 * import against the direction fails the build. The root package ({@code FnMisp}, {@code Loggers}) may be used by all.
 */
class LayeringTest {

  private static final String BASE = "org.fnmisp";

  /** Each package under org.fnmisp and the packages it may use, top layer first. A new package needs a line here. */
  private static final Map<String, Set<String>> MAY_USE = Map.ofEntries(
      uses("cli", "*"),
      uses("demo", "server", "worker", "functions", "invoke", "broker", "misp", "stomp", "handler", "json", "config"),
      uses("server", "worker", "functions", "verdict", "soar", "misp", "stomp", "handler", "http", "tls", "config"),
      uses("selftest", "stomp"),
      uses("invoke", "stomp", "json"),
      uses("worker", "handler", "stomp", "json"),
      uses("functions", "handler", "verdict", "misp", "json", "config"),
      uses("verdict"),
      uses("misp", "http", "json", "tls", "config"),
      uses("soar", "http", "json", "retry", "tls", "config"),
      uses("http", "retry", "tls", "config"),
      uses("stomp", "retry", "tls", "config"),
      uses("logging", "config"),
      uses("tls", "config"),
      uses("broker"),
      uses("handler"),
      uses("json"),
      uses("retry"),
      uses("config", "config.secrets"),
      uses("config.secrets"));

  private static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages(BASE);

  @TestFactory
  Stream<DynamicTest> eachPackageUsesOnlyThePackagesBelowIt() {
    return new TreeMap<>(MAY_USE).entrySet().stream()
        .filter(entry -> !entry.getValue().contains("*"))
        .map(entry -> DynamicTest.dynamicTest(entry.getKey() + " uses only " + entry.getValue(),
            () -> mayUseOnly(entry.getKey(), entry.getValue()).check(MAIN)));
  }

  @Test
  void shouldHaveALineForEveryPackage() {
    String[] listed = Stream.concat(Stream.of(BASE), MAY_USE.keySet().stream().map(LayeringTest::qualified))
        .toArray(String[]::new);

    classes().should().resideInAnyPackage(listed).because("every package has its line in LayeringTest.MAY_USE")
        .check(MAIN);
  }

  @Test
  void shouldHaveNoCycleBetweenPackages() {
    slices().matching(BASE + ".(*)..").should().beFreeOfCycles().check(MAIN);
  }

  @Test
  void shouldTakeEveryLoggerFromLoggers() {
    noClasses().that().doNotBelongToAnyOf(Loggers.class)
        .should().callMethodWhere(describe("LoggerFactory.getLogger",
            (JavaMethodCall call) -> call.getTargetOwner().isEquivalentTo(LoggerFactory.class)
                && call.getName().equals("getLogger")))
        .because("loggers are named per concern in one place, org.fnmisp.Loggers")
        .check(MAIN);
  }

  /** The rules have teeth: taking stomp away from what worker may use reports worker's real STOMP imports. */
  @Test
  void shouldReportAPackageUsingOneNotOnItsLine() {
    EvaluationResult result = mayUseOnly("worker", Set.of("handler", "json")).evaluate(MAIN);

    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().getDetails()).anyMatch(line -> line.contains("org.fnmisp.stomp."));
  }

  private static ArchRule mayUseOnly(String layer, Set<String> allowed) {
    String[] packages = Stream.concat(Stream.of(BASE, qualified(layer)), allowed.stream().map(LayeringTest::qualified))
        .toArray(String[]::new);
    return classes().that().resideInAPackage(qualified(layer))
        .should().onlyDependOnClassesThat(resideOutsideOfPackage(BASE + "..").or(resideInAnyPackage(packages)))
        .because("the layering in LayeringTest.MAY_USE says so");
  }

  private static Map.Entry<String, Set<String>> uses(String layer, String... lower) {
    return Map.entry(layer, Set.copyOf(Arrays.asList(lower)));
  }

  private static String qualified(String layer) {
    return BASE + "." + layer;
  }
}

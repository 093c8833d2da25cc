package org.fnmisp.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.fnmisp.functions.FnMispFunctions;
import org.junit.jupiter.api.Test;

class DemoCallsTest {

  @Test
  void shouldHaveDemoInputsForEveryRegisteredFunctionUsingOnlyItsDeclaredInputs() {
    assertThat(DemoCalls.BY_FUNCTION.keySet()).containsExactlyInAnyOrderElementsOf(FnMispFunctions.NAMES);
    DemoCalls.BY_FUNCTION.forEach((function, call) -> call.inputs().fieldNames().forEachRemaining(
        input -> assertThat(FnMispFunctions.INPUTS.get(function)).as(function).containsKey(input)));
  }
}

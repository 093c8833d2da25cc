package org.fnmisp.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDateTime;
import org.fnmisp.json.Json;
import org.junit.jupiter.api.Test;

class ResultPayloadTest {

  private final ResultPayload payload = new ResultPayload("fn_misp", "3.0.2", "host-1");

  @Test
  void shouldStampEachCallWithTheSecondItFinishedIn() {
    LocalDateTime noon = LocalDateTime.of(2026, 11, 30, 12, 0, 0);

    assertThat(stamp(noon.plusNanos(1_000))).isEqualTo("2026-11-30 12:00:00");
    assertThat(stamp(noon.plusNanos(999_999_999))).isEqualTo("2026-11-30 12:00:00");
    assertThat(stamp(noon.plusSeconds(1))).isEqualTo("2026-11-30 12:00:01");
    assertThat(stamp(noon.plusSeconds(1).plusNanos(5))).isEqualTo("2026-11-30 12:00:01");
    assertThat(stamp(noon.minusDays(400))).isEqualTo("2025-10-26 12:00:00");
    assertThat(stamp(noon)).isEqualTo("2026-11-30 12:00:00");
  }

  @Test
  void shouldWriteTheMetricsOfTheV2Payload() {
    ObjectNode built = payload.build(FunctionResult.ok(Json.object().put("a", 1)), Json.object().put("in", "x"), 42,
        LocalDateTime.of(2026, 1, 2, 3, 4, 5, 6));

    assertThat(Json.write(built)).isEqualTo("{\"version\":2.0,\"success\":true,\"reason\":null,\"content\":{\"a\":1},"
        + "\"raw\":null,\"inputs\":{\"in\":\"x\"},\"metrics\":{\"version\":\"1.0\",\"package\":\"fn_misp\","
        + "\"package_version\":\"3.0.2\",\"host\":\"host-1\",\"execution_time_ms\":42,"
        + "\"timestamp\":\"2026-01-02 03:04:05\"}}");
  }

  private String stamp(LocalDateTime finishedAt) {
    return payload.build(FunctionResult.ok(Json.object()), Json.object(), 1, finishedAt).at("/metrics/timestamp")
        .asText();
  }
}

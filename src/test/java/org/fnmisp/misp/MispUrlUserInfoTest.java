package org.fnmisp.misp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import okhttp3.HttpUrl;
import org.fnmisp.config.Secret;
import org.fnmisp.http.ProxyResolver;
import org.fnmisp.tls.TlsTrust;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A {@code misp_url} with user info ({@code https://user:password@misp}) never shows its password. */
class MispUrlUserInfoTest {

  private static final String PASSWORD = "S3cr@tPw";

  private final FakeMisp misp = new FakeMisp();
  private final Logger logger = (Logger) LoggerFactory.getLogger("org.fnmisp.misp");
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private Level previous;

  @BeforeEach
  void capture() {
    previous = logger.getLevel();
    logger.setLevel(Level.DEBUG);
    logs.start();
    logger.addAppender(logs);
  }

  @AfterEach
  void release() {
    logger.detachAppender(logs);
    logger.setLevel(previous);
    misp.close();
  }

  @Test
  void shouldLogTheAddressWithoutUserInfo() {
    MispSettings settings = settings();

    new MispClient(settings).close();

    String address = "http://" + misp.host() + "/misp/";
    assertThat(settings.displayUrl()).isEqualTo(address);
    assertThat(settings.toString()).contains(address).doesNotContain("soc-user").doesNotContain("S3cr");
    assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
        .anySatisfy(line -> assertThat(line).contains("MISP client for " + address))
        .allSatisfy(line -> assertThat(line).doesNotContain("S3cr").doesNotContain("soc-user"));
  }

  @Test
  void shouldHideThePasswordWhenMispEchoesIt() {
    misp.replyRaw(500, "{\"message\":\"no route for http://soc-user:" + PASSWORD + "@misp and " + "S3cr%40tPw\"}");

    try (MispClient client = new MispClient(settings())) {
      assertThatThrownBy(client::serverVersion).isInstanceOf(MispHttpException.class)
          .hasMessageContaining("answered HTTP 500: no route for http://soc-user:[hidden]@misp and [hidden]")
          .hasMessageNotContaining("S3cr");
    }
  }

  private MispSettings settings() {
    HttpUrl url = misp.url().newBuilder().username("soc-user").password(PASSWORD).encodedPath("/misp/")
        .query("debug=1").build();
    assertThat(url.toString()).contains("S3cr%40tPw@");
    return new MispSettings(url, Secret.of(FakeMisp.KEY), TlsTrust.system(), ProxyResolver.direct(),
        Duration.ofSeconds(1), 0, Duration.ofMillis(5));
  }
}

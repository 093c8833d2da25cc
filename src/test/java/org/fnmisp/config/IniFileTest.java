package org.fnmisp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IniFileTest {

  @Test
  void shouldReadBothDelimitersAndLowerCaseKeys() {
    IniFile ini = IniFile.parse("[resilient]\nHost = soar.local\nport: 443\nurl = http://a:b@c\n", "app.config");

    assertThat(ini.section("resilient")).containsExactly(
        org.assertj.core.api.Assertions.entry("host", "soar.local"),
        org.assertj.core.api.Assertions.entry("port", "443"),
        org.assertj.core.api.Assertions.entry("url", "http://a:b@c"));
    assertThat(ini.value("resilient", "HOST")).hasValue("soar.local");
  }

  @Test
  void shouldSplitAtTheFirstDelimiterOfEitherKind() {
    IniFile ini = IniFile.parse("[s]\nurl: http://x=1\nequation = a:b\n", "f");

    assertThat(ini.value("s", "url")).hasValue("http://x=1");
    assertThat(ini.value("s", "equation")).hasValue("a:b");
  }

  @Test
  void shouldSkipWholeLineCommentsButKeepHashInsideValues() {
    IniFile ini = IniFile.parse("# top\n; also\n[s]\n  # indented comment\nkey = value # not a comment\n", "f");

    assertThat(ini.section("s")).containsOnlyKeys("key");
    assertThat(ini.value("s", "key")).hasValue("value # not a comment");
  }

  @Test
  void shouldJoinIndentedContinuationLinesKeepingInnerBlankLines() {
    IniFile ini = IniFile.parse("[s]\nlist = one\n  two\n\n  # comment\n    three\n\n\nnext = x\n", "f");

    assertThat(ini.value("s", "list")).hasValue("one\ntwo\n\nthree");
    assertThat(ini.value("s", "next")).hasValue("x");
  }

  @Test
  void shouldTreatAnIndentedKeyAfterASectionHeaderAsAKey() {
    IniFile ini = IniFile.parse("[s]\n  a = 1\n  b = 2\n", "f");

    assertThat(ini.section("s")).containsOnlyKeys("a", "b");
  }

  @Test
  void shouldIgnoreUtf8BomAndWindowsLineEndings() {
    IniFile ini = IniFile.parse("\uFEFF[resilient]\r\nhost = h\r\nport = 1\r\n", "f");

    assertThat(ini.sectionNames()).containsExactly("resilient");
    assertThat(ini.value("resilient", "host")).hasValue("h");
  }

  @Test
  void shouldKeepEmptyValuesAsEmptyStrings() {
    IniFile ini = IniFile.parse("[s]\nempty =\nalso:\n", "f");

    assertThat(ini.value("s", "empty")).hasValue("");
    assertThat(ini.value("s", "also")).hasValue("");
  }

  @Test
  void shouldKeepSectionNamesCaseSensitiveAndInFileOrder() {
    IniFile ini = IniFile.parse("[fn_other_app]\nx = 1\n[Resilient]\n[resilient]\n", "f");

    assertThat(ini.sectionNames()).containsExactly("fn_other_app", "Resilient", "resilient");
    assertThat(ini.hasSection("RESILIENT")).isFalse();
  }

  @Test
  void shouldRejectADuplicateKeyWithItsLineNumber() {
    assertThatThrownBy(() -> IniFile.parse("[s]\nkey = 1\n\nKEY = 2\n", "app.config"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("app.config line 4: key 'key' appears twice in section [s]");
  }

  @Test
  void shouldRejectADuplicateSectionWithBothLineNumbers() {
    assertThatThrownBy(() -> IniFile.parse("[s]\na = 1\n[t]\n[s]\n", "app.config"))
        .hasMessage("app.config line 4: section [s] already appeared on line 1");
  }

  @Test
  void shouldRejectAMalformedLineWithItsNumberButNotItsText() {
    assertThatThrownBy(() -> IniFile.parse("[s]\na = 1\napi_key_secret s3cr3t\n", "/etc/app.config"))
        .hasMessage("/etc/app.config line 3: expected 'key = value', 'key: value', a [section] header or a comment")
        .hasMessageNotContaining("s3cr3t");
  }

  @Test
  void shouldRejectAKeyBeforeTheFirstSection() {
    assertThatThrownBy(() -> IniFile.parse("\n# c\nhost = x\n[s]\n", "f"))
        .hasMessage("f line 3: a key before the first [section] header");
  }

  @Test
  void shouldRejectAValueWithoutAKeyAndAnEmptyHeader() {
    assertThatThrownBy(() -> IniFile.parse("[s]\n= x\n", "f")).hasMessage("f line 2: a value without a key name");
    assertThatThrownBy(() -> IniFile.parse("[s]\n[]\n", "f")).hasMessageStartingWith("f line 2: expected");
  }
}

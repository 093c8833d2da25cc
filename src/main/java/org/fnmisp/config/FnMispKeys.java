package org.fnmisp.config;

import java.time.Duration;
import java.util.List;

/** The {@code [fn_misp]} section: how to reach MISP, with the keys of the original fn_misp app. */
public final class FnMispKeys {

  public static final String SECTION = "fn_misp";

  public static final ConfigKey<String> MISP_URL = ConfigKey.builder(SECTION, "misp_url", ValueTypes.HTTP_URL)
      .doc("Base URL of MISP, with http:// or https://. Required.").template("https://misp.example.org").build();
  public static final ConfigKey<Secret> MISP_KEY = ConfigKey.builder(SECTION, "misp_key", ValueTypes.SECRET).secret()
      .doc("MISP automation key, sent in the Authorization header. Required.").template("<your key>").build();
  public static final ConfigKey<String> VERIFY_CERT = ConfigKey.builder(SECTION, "verify_cert", ValueTypes.TLS_TRUST)
      .defaultValue("true")
      .doc("Trust for the MISP certificate: true (JVM trust store), false (no verification) or a PEM CA bundle.")
      .template("true").build();
  public static final ConfigKey<String> MITRE_TAG = ConfigKey.builder(SECTION, "mitre_tag", ValueTypes.STRING)
      .doc("Kept from fn_misp 1.x; unused.").commentedTemplate("misp-galaxy:mitre-attack-pattern").build();
  public static final ConfigKey<String> HTTP_PROXY = ConfigKey.builder(SECTION, "http_proxy", ValueTypes.PROXY_URL)
      .fallback(IntegrationsKeys.HTTP_PROXY).doc("Proxy for MISP over http://.")
      .commentedTemplate("http://proxy.example.org:3128").build();
  public static final ConfigKey<String> HTTPS_PROXY = ConfigKey.builder(SECTION, "https_proxy", ValueTypes.PROXY_URL)
      .fallback(IntegrationsKeys.HTTPS_PROXY).doc("Proxy for MISP over https://.")
      .commentedTemplate("http://proxy.example.org:3128").build();
  public static final ConfigKey<Duration> TIMEOUT = ConfigKey.builder(SECTION, "timeout", ValueTypes.SECONDS)
      .fallback(IntegrationsKeys.TIMEOUT).constraint(Constraint.positiveSeconds())
      .doc("Seconds MISP may take to accept a connection, and the longest pause while a request is sent or its answer"
          + " read. A whole call, its retries and the waits between them included, ends after (max_retries + 2) x"
          + " timeout, however slowly MISP keeps sending.")
      .commentedTemplate("30").build();
  public static final ConfigKey<Integer> MAX_RETRIES = ConfigKey.builder(SECTION, "max_retries", ValueTypes.INTEGER)
      .defaultValue(3).constraint(Constraint.between(0, 10))
      .doc("Retries of a MISP request after a connection failure, 429, 502, 503 or 504.").commentedTemplate("3")
      .build();
  public static final ConfigKey<Integer> MAX_RESPONSE_MB = ConfigKey.builder(SECTION, "max_response_mb",
      ValueTypes.INTEGER).defaultValue(2).constraint(Constraint.between(1, 1024))
      .doc("Largest MISP answer read, in MiB; a larger one fails the function with a message naming this key. A"
          + " search holds up to about 3.5 times its answer while its reply is built, so the default lets 25 workers"
          + " (num_workers) fit in the default heap (-Xmx256m): raise both together.")
      .commentedTemplate("2").build();

  // misp_enrich_artifact's verdict rules and the bounds of both searches (doc/functions.md, "How the verdict is made").
  public static final ConfigKey<Integer> SEARCH_LIMIT = ConfigKey.builder(SECTION, "search_limit", ValueTypes.INTEGER)
      .constraint(Constraint.atLeast(1))
      .doc("Most events misp_search_attribute returns per call, whatever misp_search_limit asks; unset = all.")
      .commentedTemplate("500").build();
  public static final ConfigKey<Integer> ENRICH_LIMIT = ConfigKey.builder(SECTION, "enrich_limit", ValueTypes.INTEGER)
      .defaultValue(50).constraint(Constraint.between(1, 10_000))
      .doc("Most attributes misp_enrich_artifact reads when misp_enrich_limit is not set.").commentedTemplate("50")
      .build();
  public static final ConfigKey<List<String>> VERDICT_MALICIOUS_TAGS = tags("verdict_malicious_tags",
      List.of("malware_classification:*", "ms-caro-malware:*", "ms-caro-malware-full:*", "misp-galaxy:threat-actor=*",
          "misp-galaxy:malpedia=*", "misp-galaxy:mitre-malware=*", "misp-galaxy:ransomware=*", "misp-galaxy:botnet=*",
          "misp-galaxy:rat=*"),
      "Tags that make a matched attribute malicious (* is a wildcard, case is ignored; TLP and PAP never decide).");
  public static final ConfigKey<List<String>> VERDICT_SUSPICIOUS_TAGS = tags("verdict_suspicious_tags",
      List.of("misp-galaxy:mitre-attack-pattern=*", "circl:incident-classification=*", "phishing:*", "kill-chain:*"),
      "Tags that make a matched attribute suspicious.");
  public static final ConfigKey<List<String>> VERDICT_BENIGN_TAGS = tags("verdict_benign_tags",
      List.of("false-positive:risk=\"high\""),
      "Tags that make a matched attribute benign; they win over malicious and suspicious tags at the same level.");
  public static final ConfigKey<String> VERDICT_WARNINGLIST = ConfigKey.builder(SECTION, "verdict_warninglist",
      ValueTypes.lowerCaseChoice("benign", "ignore")).defaultValue("benign")
      .doc("A value on an enabled MISP warninglist is benign, or the hit is only listed (ignore).")
      .commentedTemplate("benign").build();
  public static final ConfigKey<Double> VERDICT_DECAY_THRESHOLD = ConfigKey.builder(SECTION,
      "verdict_decay_threshold", ValueTypes.DECIMAL).constraint(Constraint.atLeast(0.0))
      .doc("A malicious attribute whose best decay score is below this (0-100) counts as suspicious; unset = MISP's "
          + "own decayed flag.")
      .commentedTemplate("30").build();
  public static final ConfigKey<List<String>> VERDICT_TRUSTED_ORGS = ConfigKey.builder(SECTION,
      "verdict_trusted_orgs", ValueTypes.LIST)
      .doc("Organisations (name or uuid) whose attributes alone decide when they matched.")
      .commentedTemplate("CIRCL").build();
  public static final ConfigKey<List<String>> VERDICT_IGNORED_ORGS = ConfigKey.builder(SECTION,
      "verdict_ignored_orgs", ValueTypes.LIST)
      .doc("Organisations (name or uuid) whose attributes are listed but never decide.")
      .commentedTemplate("Noisy Feed Org").build();

  /** Every key of the section, in template order. */
  public static final List<ConfigKey<?>> ALL = List.of(MISP_URL, MISP_KEY, VERIFY_CERT, MITRE_TAG, HTTP_PROXY,
      HTTPS_PROXY, TIMEOUT, MAX_RETRIES, MAX_RESPONSE_MB,
      SEARCH_LIMIT, ENRICH_LIMIT, VERDICT_MALICIOUS_TAGS, VERDICT_SUSPICIOUS_TAGS, VERDICT_BENIGN_TAGS,
      VERDICT_WARNINGLIST, VERDICT_DECAY_THRESHOLD, VERDICT_TRUSTED_ORGS, VERDICT_IGNORED_ORGS);

  private FnMispKeys() {}

  /** A tag list whose commented template is its default, so uncommenting the line changes nothing. */
  private static ConfigKey<List<String>> tags(String name, List<String> defaults, String doc) {
    return ConfigKey.builder(SECTION, name, ValueTypes.LIST).defaultValue(defaults).doc(doc)
        .commentedTemplate(ValueTypes.LIST.format(defaults)).build();
  }
}

package org.fnmisp.soar;

/** The one wording of "SOAR refused for lack of a permission": what was refused, and which permission to grant. */
final class Permissions {

  private Permissions() {}

  static SoarException missing(SoarClient soar, SoarReply reply, String action, String permission) {
    String whom = soar.credentials() instanceof ApiKey
        ? "the API key's permissions (Administrator Settings > Users > API Keys)"
        : "the user's role (Administrator Settings > Users > Roles)";
    return new SoarException(SoarException.Kind.GENERIC, "The " + soar.principalDescription() + " may not " + action
        + " (HTTP 403 from " + reply.method() + " " + reply.url() + reply.soarMessage() + "): allow it to "
        + permission + " in " + whom);
  }
}

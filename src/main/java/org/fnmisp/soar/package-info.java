/**
 * The SOAR REST client: login (API key or email/password), org selection, the org's
 * {@code actions_framework_enabled} flag and per-function destination discovery for {@code run}; configuration
 * exports and imports and message destination readers for {@code customize} and {@code clone}. Nothing outside
 * this package sees OkHttp types; every failure is a {@link org.fnmisp.soar.SoarException} saying what
 * kind of failure it is. Parameters and return values are non-null unless documented otherwise.
 */
package org.fnmisp.soar;

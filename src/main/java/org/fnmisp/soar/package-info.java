/**
 * The SOAR REST client that {@code run} needs: login (API key or email/password), org selection, the org's
 * {@code actions_framework_enabled} flag, and per-function destination discovery. Nothing outside this package sees
 * OkHttp types; every failure is a {@link org.fnmisp.soar.SoarException} saying what kind of failure it is.
 * Parameters and return values are non-null unless documented otherwise.
 */
package org.fnmisp.soar;

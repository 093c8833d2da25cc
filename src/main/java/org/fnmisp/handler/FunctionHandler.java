package org.fnmisp.handler;

/**
 * Runs one SOAR function invocation.
 *
 * <p>Implementations MUST be thread-safe: one instance serves every worker thread. A handler only computes: it never
 * ACKs, sends or replies; the caller does that in a fixed order around it.
 *
 * <p>Throw {@link FunctionException} for an expected, user-facing failure (bad input, MISP refused the key): its
 * message becomes the error text SOAR shows, as is. Any other exception is reported as an unexpected error.
 */
@FunctionalInterface
public interface FunctionHandler {

  FunctionResult handle(FunctionInvocation invocation, StatusReporter status) throws Exception;
}

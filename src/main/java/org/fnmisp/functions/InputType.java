package org.fnmisp.functions;

/** The SOAR type of a function input: what SOAR sends for it, so {@code invoke} can send the same. */
public enum InputType {
  /** A string, sent as written (an MD5 of digits stays a string). */
  TEXT,
  /** A JSON number. */
  NUMBER,
  /** A JSON boolean. */
  BOOLEAN,
  /** One of fixed values, sent by SOAR as {@code {"id": .., "name": ..}}; a plain name also works. */
  SELECT
}

/**
 * Our own STOMP 1.2 client: frame codec, one connection over a (TLS) socket with a reader thread, heart-beats,
 * receipts, and a reconnect loop that re-subscribes. It knows nothing about functions. Everything is non-null unless a
 * Javadoc says otherwise.
 */
package org.fnmisp.stomp;

package dev.parley.realtime;

/** A thread event encoded once as a text frame; the same bytes go to every subscriber. */
record Delivery(String thread, long seq, byte[] frame) {
}

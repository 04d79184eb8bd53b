package dev.parley.protocol;

/** WebSocket close codes of the protocol. */
public final class CloseCode {
    public static final short NORMAL = 1000;
    public static final short UNSUPPORTED_DATA = 1003;
    public static final short INVALID_PAYLOAD = 1007;
    public static final short POLICY = 1008;
    public static final short TOO_BIG = 1009;
    public static final short SERVER_ERROR = 1011;
    public static final short RESTARTING = 1012;
    public static final short MISSED_HEARTBEAT = 4001;
    public static final short TOO_SLOW = 4008;
    public static final short RATE_LIMITED = 4429;

    private CloseCode() {
    }
}

package postbox.server.admin;

/** An administrator's orders to a backup node. Thread-safe; blocking until applied. */
public interface NodeControl {

    /** Makes this backup take calls until deactivated; {@link IllegalStateException} on any other node. */
    void activate();

    /** Makes this backup hand back and stand by; {@link IllegalStateException} on any other node. */
    void deactivate();

    /** A node that takes no orders (standalone, primary): both say so. */
    static NodeControl refusing(String role) {
        return new NodeControl() {
            @Override
            public void activate() {
                throw new IllegalStateException("only a backup node can be activated; this node is " + role);
            }

            @Override
            public void deactivate() {
                throw new IllegalStateException("only a backup node can be deactivated; this node is " + role);
            }
        };
    }
}

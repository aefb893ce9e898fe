package postbox.server;

import postbox.media.MediaStats;

/**
 * What {@code GET /api/status} shows.
 *
 * @param node          {@code node.name}
 * @param role          the node's role
 * @param state         {@code active} (a standalone node always is)
 * @param version       the server's version
 * @param activeCalls   calls in progress
 * @param portLimit     {@code node.ports}
 * @param sip           where SIP is heard (UDP and TCP)
 * @param trunk         the PBX trunk (registration state)
 * @param uptimeSeconds since start
 * @param media         the media engine's counters
 */
public record NodeStatus(String node, String role, String state, String version, int activeCalls, int portLimit,
                         String sip, Trunk trunk, long uptimeSeconds, MediaStats media) {

    /** @param registration {@code not configured} until a PBX trunk is configured */
    public record Trunk(String registration) {
    }
}

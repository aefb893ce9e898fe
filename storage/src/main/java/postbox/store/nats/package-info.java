/**
 * Multi-node links over NATS JetStream (Debian nats-server 2.9.10, jnats 2.22.0): greetings and configuration
 * synced from the primary to the backup, messages left on the backup handed to the primary at failback, and
 * heartbeats. A single node needs none of it. Only this package imports {@code io.nats}.
 *
 * <h2>Leaf deployment (the realistic one): one nats-server per site</h2>
 * <pre>
 *  primary node                                   backup node
 *  ConfigPublisher  HandoverReceiver              ConfigMirror   HandoverSender
 *      | writes         ^ takes                       ^ reads         | writes (domain "hub", through the leaf)
 *      v                |                             |               |
 *  +-- nats-server "hub" (JetStream domain hub) --+   +-- nats-server leaf (JetStream domain leaf) --+
 *  | KV   net-config  (settings.*, mailbox.*, greeting.*)|   | KV   net-config        mirror of hub's       |
 *  | OBJ  net-greetings    (audio by SHA-256)     |&lt;==| OBJ_net-greetings stream, mirror of hub's   |
 *  | OBJ  net-handover     (messages by id) &lt;-----|---|-- puts go to the hub; fail while it is down  |
 *  +----------------------------------------------+   +---------------------------------------------+
 *        leafnodes listen  &lt;====== leaf connection (remotes) ======  core subjects net.heartbeat.* cross it
 * </pre>
 * The backup passes {@code primaryDomain = "hub"}: {@link postbox.store.nats.ConfigMirror} creates the two mirrors
 * in its own domain (jnats has no Object Store mirror option, so the {@code OBJ_} stream is made by hand) and reads
 * only them, so the backup keeps its copy and catches up by itself when the hub returns.
 *
 * <h2>Shared deployment (development and tests): both nodes use one nats-server, no domains</h2>
 * <pre>
 *  primary node ---+                       +--- backup node (primaryDomain = null)
 *                  v                       v
 *            nats-server (JetStream, no domain):
 *            KV net-config, OBJ net-greetings, OBJ net-handover, subjects net.heartbeat.*
 * </pre>
 * Here the mirror reads the primary's buckets directly: the same code path (it always reads the buckets of that
 * name in its local JetStream), without creating mirrors.
 *
 * <h2>Rules that follow from what these versions do</h2>
 * <ul>
 * <li>Object Store deletes are not mirrored: greeting deletes travel as KV deletes of {@code greeting.<id>.<kind>};
 *     the audio objects are content-addressed ({@code <sha256>.wav}), never overwritten (a put over an existing name
 *     would leave old chunks), and deleted on the primary once unreferenced. Both stores are bounded.</li>
 * <li>Dedup happens where messages are written (an object already waiting under a message id is not put again) and
 *     the primary's store files by id idempotently: no reliance on {@code Nats-Msg-Id} through sourcing streams.</li>
 * <li>Nothing is buffered while disconnected; every part reconnects and resumes by itself.</li>
 * </ul>
 */
package postbox.store.nats;

/**
 * The lock-free hand-over between the tick and I/O threads: {@link postbox.media.ring.SampleRing}, a
 * single-producer single-consumer sample ring. The tick only copies into or out of rings; files are read and
 * written by other threads.
 */
package postbox.media.ring;

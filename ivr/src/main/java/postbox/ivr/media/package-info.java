/**
 * The real {@link postbox.ivr.Call}: {@link postbox.ivr.media.MediaCall} posts commands to a
 * {@link postbox.media.MediaLeg} and blocks on its event queue (DTMF into the type-ahead buffer, PlayDone and
 * RecordDone matched by id, Hangup and RtpTimeout ending the call), on the call's own thread.
 */
package postbox.ivr.media;

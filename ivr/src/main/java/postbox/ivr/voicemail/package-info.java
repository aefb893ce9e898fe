/**
 * The voicemail call flows (SPEC sections 3 and 4): {@link postbox.ivr.voicemail.LeaveFlow} (greeting by
 * priority, tone, record into a {@link postbox.store.Deposit}, options, keep on hangup) and
 * {@link postbox.ivr.voicemail.CollectFlow} (login, main menu, get messages), over the stores and phrase book
 * bundled in {@link postbox.ivr.voicemail.Voicemail}. Each flow instance serves one call, on that call's thread.
 */
package postbox.ivr.voicemail;

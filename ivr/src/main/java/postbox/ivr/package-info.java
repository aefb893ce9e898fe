/**
 * Call flows as straight-line code (sipXivr's shape): a flow runs on the call's own virtual thread and talks to
 * the caller through {@link postbox.ivr.Call} — {@code play(prompts)}, {@link postbox.ivr.Menu#ask} → sealed
 * {@link postbox.ivr.Choice}, {@code record(spec, output)} → {@link postbox.ivr.Recording} — while a hangup
 * surfaces as the unchecked {@link postbox.ivr.HangupException} from any blocking method.
 *
 * <pre>
 *  server ──run(call)──▶ CallFlow (LeaveFlow, CollectFlow …)          one virtual thread per call
 *                           │  Prompt ids, Menu, DigitEntry
 *                           ▼
 *                         Call ── MediaCall ──commands──▶ MediaLeg (tick)
 *                                          ◀──events────  Dtmf, PlayDone, RecordDone, Hangup
 *                           ▲
 *                         FakeCall (tests: scripted keys, recordings, hangups; records what was heard)
 * </pre>
 *
 * <p>Flows name only semantic phrase ids ({@link postbox.ivr.Prompt#phrase}) and compose numbers, dates and
 * counts through a {@link postbox.ivr.prompt.PhraseBook}; {@link postbox.ivr.prompt.PromptLibrary} turns them
 * into audio.
 */
package postbox.ivr;

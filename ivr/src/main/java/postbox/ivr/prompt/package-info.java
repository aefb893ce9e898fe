/**
 * Words: {@link postbox.ivr.prompt.PhraseBook} composes phrase ids for numbers, digit strings, counts, dates
 * and the system greeting (one implementation per language, {@link postbox.ivr.prompt.EnglishPhraseBook});
 * {@link postbox.ivr.prompt.PromptLibrary} holds a language's recorded phrases in memory and turns
 * {@link postbox.ivr.Prompt}s into media sources.
 *
 * <p>The English phrases are generated from {@code ivr/prompts/en.tsv} by {@code ivr/prompts/make-prompts.sh}
 * (espeak-ng, sox: 8 kHz mono 16-bit WAV) into {@code postbox/prompts/en/} on the classpath, and committed.
 */
package postbox.ivr.prompt;

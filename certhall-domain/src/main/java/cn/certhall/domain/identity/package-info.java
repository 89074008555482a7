/**
 * Identity data (身份信息) on the application form and in order query: the validators of the
 * organization's and the people's numbers, and the masking of personal data shown back (SPEC 3.1,
 * 3.5, 4 and 5).
 *
 * <p>Each validator returns a {@link cn.certhall.domain.identity.ValidationResult}: the normalised
 * value to store and compare, or a {@link cn.certhall.domain.identity.ValidationFailure} naming the
 * {@link cn.certhall.domain.identity.Field} and the {@link
 * cn.certhall.domain.identity.ValidationError} as stable codes; {@link
 * cn.certhall.domain.identity.ValidationMessages} words them in Chinese and English. A wrong input
 * is a value, never an exception.
 *
 * <p>Normalising, the same for every number:
 *
 * <ul>
 *   <li>Unicode NFKC first, so the full-width digits, letters, {@code ＋}, {@code ＠} and the
 *       ideographic space a Chinese input method produces count as their ASCII forms.
 *   <li>Blanks anywhere in a number are dropped (numbers are often typed or pasted in groups); an
 *       e-mail address is only trimmed.
 *   <li>Letters in codes and ID numbers are upper-cased ({@code x} → {@code X}).
 * </ul>
 *
 * <p>Failures are checked in a fixed order, so one input always gets the same reason: empty, then
 * characters, then length, then layout, then meaning (birth date, mainland prefix), then the check
 * character. Neither a result's nor a failure's {@code toString} contains the value.
 */
package cn.certhall.domain.identity;

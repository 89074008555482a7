package cn.certhall.domain.verification;

/**
 * Port: real-name verification (实名核验) by a licensed provider, which asks the carrier or the card's
 * bank whether the factors belong together. Each check leaves a {@link VerificationRecord} under
 * its {@link VerificationContext}.
 */
public interface RealNameVerifier {

  enum Result {
    /** All factors belong to one person. */
    MATCH,
    /** The provider answered that they do not (or the mobile or card is unknown to it). */
    MISMATCH,
    /** No answer: the provider failed or timed out. Says nothing about the person. */
    UNAVAILABLE
  }

  /**
   * 手机三要素: name, ID number and real-name mobile.
   *
   * @param context what the check is made for, kept with its record
   */
  Result checkMobile(VerificationContext context, MobileThreeFactor factors);

  /** 银行卡四要素: name, ID type and number, card number and bank-reserved mobile. */
  Result checkBankCard(VerificationContext context, BankCardFourFactor factors);
}

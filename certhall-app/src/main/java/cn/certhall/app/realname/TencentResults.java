package cn.certhall.app.realname;

import cn.certhall.domain.sealing.FaceCheck;
import cn.certhall.domain.verification.RealNameVerifier;
import java.util.Set;

/**
 * Tencent Cloud's documented result codes, each one outcome (docs/providers.md). A code not listed
 * is UNAVAILABLE: it says nothing about the person.
 */
final class TencentResults {
  /**
   * PhoneVerification: 0 consistent; -4 not; -6 bad mobile, -7 bad ID, -8 bad name, -9 no record,
   * -13 range unsupported.
   */
  private static final Set<String> PHONE_MISMATCH = Set.of("-4", "-6", "-7", "-8", "-9", "-13");

  /**
   * BankCard4EVerification: 0 passed; -1 not; -2…-17 and -21 the holder or card is wrong or the
   * card cannot be checked; -20 an ID other than the resident card. -18 busy and -19 the day's
   * limit are UNAVAILABLE.
   */
  private static final Set<String> CARD_MISMATCH =
      Set.of(
          "-1", "-2", "-3", "-4", "-5", "-6", "-7", "-8", "-9", "-10", "-11", "-12", "-13", "-14",
          "-15", "-16", "-17", "-20", "-21");

  /** ImageRecognitionV2 failures about the person or the photo, not about the service. */
  private static final Set<String> FACE_MISMATCH =
      Set.of(
          "FailedOperation.CompareLowSimilarity",
          "FailedOperation.CompareFail",
          "FailedOperation.IdFormatError",
          "FailedOperation.IdNameMisMatch",
          "FailedOperation.IdNoExistSystem",
          "FailedOperation.IdPhotoNoExist",
          "FailedOperation.IdPhotoPoorQuality",
          "FailedOperation.ImageDecodeFailed",
          "FailedOperation.ImageSizeTooLarge",
          "FailedOperation.LifePhotoDetectFaces",
          "FailedOperation.LifePhotoDetectFake",
          "FailedOperation.LifePhotoDetectNoFaces",
          "FailedOperation.LifePhotoPoorQuality",
          "FailedOperation.LifePhotoSizeError",
          "FailedOperation.NameFormatError");

  /**
   * Whole-request errors only the operator can mend: credentials, the service not opened, arrears.
   */
  private static final Set<String> OPERATOR_PREFIXES =
      Set.of(
          "AuthFailure.",
          "UnauthorizedOperation.",
          "FailedOperation.UnOpenError",
          "InvalidParameter",
          "MissingParameter",
          "UnsupportedOperation");

  private TencentResults() {}

  static RealNameVerifier.Result phone(String result) {
    if ("0".equals(result)) {
      return RealNameVerifier.Result.MATCH;
    }
    return PHONE_MISMATCH.contains(result)
        ? RealNameVerifier.Result.MISMATCH
        : RealNameVerifier.Result.UNAVAILABLE;
  }

  static RealNameVerifier.Result bankCard(String result) {
    if ("0".equals(result)) {
      return RealNameVerifier.Result.MATCH;
    }
    return CARD_MISMATCH.contains(result)
        ? RealNameVerifier.Result.MISMATCH
        : RealNameVerifier.Result.UNAVAILABLE;
  }

  /** A failure code, in the answer's Result or as the request's error. */
  static FaceCheck.Result faceFailure(String code) {
    return FACE_MISMATCH.contains(code) ? FaceCheck.Result.MISMATCH : FaceCheck.Result.UNAVAILABLE;
  }

  /** Whether the code asks the operator (logged as an error) rather than time. */
  static boolean needsOperator(String code) {
    return code != null && OPERATOR_PREFIXES.stream().anyMatch(code::startsWith);
  }
}

/**
 * The seal app (信手书) and cloud sealing (SPEC 3.1 step 11, manual 1.1 第四步): the seal administrator's
 * PIN ({@link SealPin}, {@link PinGuard}: six digits, a slow hash, locked after {@link
 * PinGuard#MAX_WRONG_TRIES} wrong tries), the face check port ({@link FaceCheck}), signing requests
 * from channel platforms ({@link SigningRequest}) and when sealing one is refused ({@link
 * SealingRules}, {@link SealingRefusal}); the flow of cloud sealing itself ({@link
 * CloudSealingFlow}) on the ports {@link SigningRequests}, {@link SealHolders}, {@link
 * DocumentSealer} and {@link SealedNotices}; the seal app's accounts ({@link SealAppFlow}: sign-in,
 * identity and face check, the personal certificate, the PIN) on the ports {@link
 * SealAdministrators} and {@link PersonalCertificates}.
 */
package cn.certhall.domain.sealing;

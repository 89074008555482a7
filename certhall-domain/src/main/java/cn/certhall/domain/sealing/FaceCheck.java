package cn.certhall.domain.sealing;

import cn.certhall.domain.verification.VerificationContext;

/**
 * Port: the face check (人脸识别) of 下载个人证书 and of a PIN reset. A provider compares a live photo taken
 * by the phone's camera with the photo of the ID card on record for that name and number. One real
 * adapter per provider, and the sandbox's, whose answers can be caused (docs/sandbox.md).
 */
public interface FaceCheck {

  enum Result {
    /** The face is that of the person with this name and ID number. */
    MATCH,
    /** It is not, or the photo shows no live face. */
    MISMATCH,
    /** The provider did not answer: try again later. */
    UNAVAILABLE
  }

  /**
   * A check's answer, with the provider that gave it and its request id (null when the provider
   * gave none), which the evidence trail keeps.
   */
  record Answer(Result result, String provider, String requestId) {
    public Answer {
      java.util.Objects.requireNonNull(result, "result");
    }
  }

  /**
   * @param context what the check is made for (purpose FACE, the administrator's masked mobile),
   *     kept with its record in the evidence trail
   * @param photo the picture the camera took (JPEG or PNG), checked for type and size already
   */
  Answer check(VerificationContext context, String name, String idNumber, byte[] photo);
}

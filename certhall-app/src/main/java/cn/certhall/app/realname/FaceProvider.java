package cn.certhall.app.realname;

import cn.certhall.domain.sealing.FaceCheck;

/** One provider of face checks; {@link RecordedFaceCheck} records each answer. */
public interface FaceProvider {

  /** As {@code verification_record.provider}: sandbox, tencent. */
  String name();

  ProviderAnswer<FaceCheck.Result> check(String name, String idNumber, byte[] photo);
}

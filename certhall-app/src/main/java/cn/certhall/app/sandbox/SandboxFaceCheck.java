package cn.certhall.app.sandbox;

import cn.certhall.domain.sealing.FaceCheck;

/** The face check (人脸识别) answering by {@link SandboxRules}, so each answer can be caused. */
public final class SandboxFaceCheck implements FaceCheck {

  @Override
  public Result check(String name, String idNumber, byte[] photo) {
    return SandboxRules.face(name, idNumber);
  }
}

/**
 * 证书申请签名 (SPEC 3.1 step 7): the handler confirms the application with an SMS code; the confirmed
 * application form (申请表) is made then, with the hashes of the uploaded files, and kept. After a
 * rejection the same step is the resubmission (重新提交): signed again, the order goes back to review
 * without paying again.
 */
package cn.certhall.domain.signature;

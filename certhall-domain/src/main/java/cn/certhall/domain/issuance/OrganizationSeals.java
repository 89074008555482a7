package cn.certhall.domain.issuance;

/**
 * Port: the organization's electronic seal (电子印章, SPEC 3.1 step 10, section 5), made once its
 * certificate is issued. The app's adapter makes the picture (the collection form's impression when
 * usable, else the drawn round seal), wraps it in a GB/T 38540 SESeal and stores it, in the
 * caller's transaction.
 */
public interface OrganizationSeals {

    /**
     * Makes the seal of {@code certificate}, or returns the one it has (one seal per certificate).
     *
     * @param collectionForm the uploaded seal collection form (印章采集表: JPG, PNG or PDF), or null
     *     when the order has none
     * @return the seal picture, a transparent PNG
     * @throws RuntimeException with a Chinese message when no seal can be made (no usable impression
     *     and a name the round seal cannot hold); the issuance then does not happen
     */
    byte[] sealFor(CertificateRef certificate, byte[] collectionForm);
}

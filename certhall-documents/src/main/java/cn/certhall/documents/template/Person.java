package cn.certhall.documents.template;

/**
 * A person named on a document: the legal representative, the handler or the administrator.
 *
 * @param idType the document's Chinese name (身份证, 护照, …); null where the form has no type (the
 *     legal representative)
 * @param mobile null where the document has no mobile
 */
public record Person(String name, String idType, String idNumber, String mobile) {}

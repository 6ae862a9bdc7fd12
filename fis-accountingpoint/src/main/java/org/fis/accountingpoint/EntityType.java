package org.fis.accountingpoint;

/** The kind of end user: the contract's {@code entity_type}. */
public enum EntityType {
  /** A natural person, identified by an 11-digit person id. */
  PERSON("person"),
  /** An organisation, identified by a 9-digit organisation number. */
  ORGANISATION("organisation");

  private final String code;

  EntityType(String code) {
    this.code = code;
  }

  /** The contract's and the database's spelling. */
  public String code() {
    return code;
  }

  /**
   * The type with the given code.
   *
   * @param code {@code person} or {@code organisation}
   * @return the type, or {@code null} if the code is unknown
   */
  public static EntityType ofCode(String code) {
    for (EntityType type : values()) {
      if (type.code.equals(code)) {
        return type;
      }
    }
    return null;
  }
}

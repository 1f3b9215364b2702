package org.unmask.event;

import static java.util.Objects.requireNonNull;

/** The thing a finding is about: a person, a device, an applicant or a farm, by id. */
public record EntityRef(Type type, String id) {

  /** Entity kinds of the contract, serialised in lower case. */
  public enum Type {
    PERSON,
    DEVICE,
    APPLICANT,
    FARM;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public EntityRef {
    requireNonNull(type, "type");
    requireNonNull(id, "id");
  }

  public static EntityRef person(String id) {
    return new EntityRef(Type.PERSON, id);
  }

  public static EntityRef device(String id) {
    return new EntityRef(Type.DEVICE, id);
  }

  public static EntityRef applicant(String id) {
    return new EntityRef(Type.APPLICANT, id);
  }

  public static EntityRef farm(String id) {
    return new EntityRef(Type.FARM, id);
  }
}

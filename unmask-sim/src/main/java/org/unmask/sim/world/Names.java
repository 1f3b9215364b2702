package org.unmask.sim.world;

import java.util.random.RandomGenerator;

/** Given names and surnames, including the Korean, Chinese and Spanish names of real US staff. */
public final class Names {

  /** The language background a name suggests; it also picks the person's keyboard layouts. */
  public enum Background { ANGLO, KOREAN, CHINESE, HISPANIC, INDIAN }

  private static final String[] FIRST = {
    "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth", "William",
    "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Chris", "Karen", "Daniel", "Lisa",
    "Matthew", "Nancy", "Anthony", "Betty", "Mark", "Sandra", "Steven", "Ashley", "Paul", "Emily", "Andrew",
    "Michelle", "Joshua", "Amanda", "Kevin", "Melissa", "Brian", "Stephanie", "George", "Rebecca", "Timothy",
    "Laura", "Ryan", "Hannah", "Jacob", "Megan", "Nicholas", "Olivia", "Eric", "Rachel", "Jonathan", "Lauren",
    "Justin", "Grace", "Brandon", "Chloe", "Samuel", "Natalie", "Ethan", "Abigail", "Tyler", "Madison", "Aaron",
    "Kayla", "Adam", "Julia", "Nathan", "Alyssa"};
  private static final String[] LAST = {
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Taylor", "Thomas",
    "Moore", "Martin", "Jackson", "Thompson", "White", "Harris", "Clark", "Lewis", "Robinson", "Walker", "Young",
    "Allen", "King", "Wright", "Scott", "Hill", "Green", "Adams", "Baker", "Nelson", "Carter", "Mitchell",
    "Roberts", "Turner", "Phillips", "Campbell", "Parker", "Evans", "Edwards", "Collins", "Stewart", "Morris",
    "Murphy", "Cook", "Rogers", "Morgan", "Cooper", "Peterson", "Reed", "Bailey", "Bell", "Kelly", "Howard",
    "Ward", "Cox", "Richardson", "Wood", "Watson", "Brooks", "Bennett", "Gray", "Hughes", "Price", "Sanders",
    "Myers", "Long", "Ross", "Foster", "Powell", "Sullivan", "Russell", "Fisher", "Hayes", "Meyer", "Olson"};
  private static final String[] KOREAN_FIRST = {"Min-jun", "Seo-yeon", "Ji-hoon", "Ha-eun", "Daniel", "Grace", "Joon", "Soo-ah", "Eugene", "Hyun-woo"};
  private static final String[] KOREAN_LAST = {"Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim"};
  private static final String[] CHINESE_FIRST = {"Wei", "Jing", "Hao", "Xin", "Kevin", "Amy", "Lei", "Yan", "Jason", "Mei"};
  private static final String[] CHINESE_LAST = {"Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou"};
  private static final String[] HISPANIC_FIRST = {"Carlos", "Maria", "Jose", "Ana", "Luis", "Sofia", "Diego", "Lucia", "Javier", "Elena"};
  private static final String[] HISPANIC_LAST = {"Garcia", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Perez", "Sanchez", "Ramirez", "Torres", "Ruiz", "Flores"};
  private static final String[] INDIAN_FIRST = {"Arjun", "Priya", "Rahul", "Ananya", "Vikram", "Neha", "Sanjay", "Divya"};
  private static final String[] INDIAN_LAST = {"Patel", "Sharma", "Singh", "Kumar", "Gupta", "Reddy", "Iyer", "Shah"};

  /** A first and last name. */
  public record Name(String first, String last) {
    public String full() {
      return first + " " + last;
    }
  }

  public static Background background(RandomGenerator random) {
    int r = random.nextInt(100);
    return r < 74 ? Background.ANGLO : r < 84 ? Background.HISPANIC : r < 91 ? Background.INDIAN : r < 96 ? Background.CHINESE : Background.KOREAN;
  }

  public static Name name(Background background, RandomGenerator random) {
    return switch (background) {
      case KOREAN -> new Name(pick(KOREAN_FIRST, random), pick(KOREAN_LAST, random));
      case CHINESE -> new Name(pick(CHINESE_FIRST, random), pick(CHINESE_LAST, random));
      case HISPANIC -> new Name(pick(HISPANIC_FIRST, random), pick(HISPANIC_LAST, random));
      case INDIAN -> new Name(pick(INDIAN_FIRST, random), pick(INDIAN_LAST, random));
      case ANGLO -> new Name(pick(FIRST, random), pick(LAST, random));
    };
  }

  /** An Anglo name, which is what a fabricated or stolen US identity usually carries. */
  public static Name usName(RandomGenerator random) {
    return name(Background.ANGLO, random);
  }

  public static String pick(String[] values, RandomGenerator random) {
    return values[random.nextInt(values.length)];
  }

  private Names() {}
}

public enum ExthostVersion { public static let string = "0.1.0" }

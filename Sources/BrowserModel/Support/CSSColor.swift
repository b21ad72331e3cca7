import Foundation

/// A CSS color as the browsers read a badge's color string (`action.setBadgeBackgroundColor`):
/// `#rgb`, `#rgba`, `#rrggbb`, `#rrggbbaa`, `rgb()`/`rgba()` with numbers or percentages, commas
/// or spaces and an alpha after a comma or a slash, `hsl()`/`hsla()`, `transparent` and the named
/// colors of CSS Color 4. The alpha is kept as a fraction; each browser rounds it its own way
/// (Chromium down, Firefox to the nearest: recorded in fixtures/conformance/action-state).
///
/// Written here: no package of this machine reads CSS colors, and the badge needs only this much
/// of CSS (no `currentcolor`, no system colors, no relative or `color()` syntax).
public struct CSSColor: Equatable, Sendable {
    public let red: Int
    public let green: Int
    public let blue: Int
    /// From 0 to 1.
    public let alpha: Double

    /// The color `text` names, or nil when it is no CSS color.
    public init?(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        if trimmed.hasPrefix("#") {
            guard let color = Self.hex(trimmed.dropFirst()) else { return nil }
            self = color
        } else if let open = trimmed.firstIndex(of: "("), trimmed.hasSuffix(")") {
            let name = trimmed[..<open].trimmingCharacters(in: .whitespaces)
            let inside = trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]
            guard let color = Self.function(name, String(inside)) else { return nil }
            self = color
        } else if trimmed == "transparent" {
            self.init(red: 0, green: 0, blue: 0, alpha: 0)
        } else if let rgb = Self.named[trimmed] {
            self.init(red: rgb >> 16, green: (rgb >> 8) & 0xFF, blue: rgb & 0xFF, alpha: 1)
        } else {
            return nil
        }
    }

    public init(red: Int, green: Int, blue: Int, alpha: Double) {
        self.red = red
        self.green = green
        self.blue = blue
        self.alpha = alpha
    }

    private static func hex(_ digits: Substring) -> CSSColor? {
        let values = digits.map { $0.isASCII ? $0.hexDigitValue : nil }
        guard values.allSatisfy({ $0 != nil }) else { return nil }
        let v = values.map { $0! }
        switch v.count {
        case 3, 4:
            return CSSColor(red: v[0] * 17, green: v[1] * 17, blue: v[2] * 17, alpha: v.count == 4 ? Double(v[3] * 17) / 255 : 1)
        case 6, 8:
            return CSSColor(red: v[0] * 16 + v[1], green: v[2] * 16 + v[3], blue: v[4] * 16 + v[5],
                            alpha: v.count == 8 ? Double(v[6] * 16 + v[7]) / 255 : 1)
        default:
            return nil
        }
    }

    /// `rgb(...)`, `rgba(...)`, `hsl(...)`, `hsla(...)`: three components and an optional alpha,
    /// separated by commas, or by spaces with the alpha after a slash.
    private static func function(_ name: String, _ inside: String) -> CSSColor? {
        var parts: [String]
        if inside.contains(",") {
            parts = inside.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        } else {
            let halves = inside.split(separator: "/", omittingEmptySubsequences: false)
            guard halves.count <= 2 else { return nil }
            parts = halves[0].split(separator: " ").map(String.init)
            if halves.count == 2 { parts.append(halves[1].trimmingCharacters(in: .whitespaces)) }
        }
        guard parts.count == 3 || parts.count == 4, parts.allSatisfy({ !$0.isEmpty }) else { return nil }
        var alpha = 1.0
        if parts.count == 4 {
            guard let value = component(parts[3], percentOf: 1) else { return nil }
            alpha = min(max(value, 0), 1)
        }
        switch name {
        case "rgb", "rgba":
            var channels: [Int] = []
            for part in parts.prefix(3) {
                guard let value = component(part, percentOf: 255) else { return nil }
                channels.append(Int(min(max(value, 0), 255).rounded()))
            }
            return CSSColor(red: channels[0], green: channels[1], blue: channels[2], alpha: alpha)
        case "hsl", "hsla":
            let huePart = parts[0].hasSuffix("deg") ? String(parts[0].dropLast(3)) : parts[0]
            guard let hue = number(huePart), parts[1].hasSuffix("%"), parts[2].hasSuffix("%"),
                  let saturation = number(String(parts[1].dropLast())), let lightness = number(String(parts[2].dropLast())) else { return nil }
            let (r, g, b) = rgb(hue: hue, saturation: min(max(saturation, 0), 100) / 100, lightness: min(max(lightness, 0), 100) / 100)
            return CSSColor(red: Int((r * 255).rounded()), green: Int((g * 255).rounded()), blue: Int((b * 255).rounded()), alpha: alpha)
        default:
            return nil
        }
    }

    /// A number, or a percentage of `whole`: CSS's `<number>` (ASCII digits, a sign, a fraction,
    /// an exponent), finite.
    private static func component(_ text: String, percentOf whole: Double) -> Double? {
        if text.hasSuffix("%") { return number(String(text.dropLast())).map { $0 / 100 * whole } }
        return number(text)
    }

    static func number(_ text: String) -> Double? {
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }),
              let value = Double(text), value.isFinite else { return nil }
        return value
    }

    /// CSS Color 4's hsl-to-rgb.
    private static func rgb(hue: Double, saturation: Double, lightness: Double) -> (Double, Double, Double) {
        let h = (hue.truncatingRemainder(dividingBy: 360) + 360).truncatingRemainder(dividingBy: 360)
        func f(_ n: Double) -> Double {
            let k = (n + h / 30).truncatingRemainder(dividingBy: 12)
            let a = saturation * min(lightness, 1 - lightness)
            return lightness - a * max(-1, min(k - 3, 9 - k, 1))
        }
        return (f(0), f(8), f(4))
    }

    /// CSS Color 4's named colors, as 0xRRGGBB.
    static let named: [String: Int] = [
        "aliceblue": 0xF0F8FF, "antiquewhite": 0xFAEBD7, "aqua": 0x00FFFF, "aquamarine": 0x7FFFD4, "azure": 0xF0FFFF,
        "beige": 0xF5F5DC, "bisque": 0xFFE4C4, "black": 0x000000, "blanchedalmond": 0xFFEBCD, "blue": 0x0000FF,
        "blueviolet": 0x8A2BE2, "brown": 0xA52A2A, "burlywood": 0xDEB887, "cadetblue": 0x5F9EA0, "chartreuse": 0x7FFF00,
        "chocolate": 0xD2691E, "coral": 0xFF7F50, "cornflowerblue": 0x6495ED, "cornsilk": 0xFFF8DC, "crimson": 0xDC143C,
        "cyan": 0x00FFFF, "darkblue": 0x00008B, "darkcyan": 0x008B8B, "darkgoldenrod": 0xB8860B, "darkgray": 0xA9A9A9,
        "darkgreen": 0x006400, "darkgrey": 0xA9A9A9, "darkkhaki": 0xBDB76B, "darkmagenta": 0x8B008B, "darkolivegreen": 0x556B2F,
        "darkorange": 0xFF8C00, "darkorchid": 0x9932CC, "darkred": 0x8B0000, "darksalmon": 0xE9967A, "darkseagreen": 0x8FBC8F,
        "darkslateblue": 0x483D8B, "darkslategray": 0x2F4F4F, "darkslategrey": 0x2F4F4F, "darkturquoise": 0x00CED1,
        "darkviolet": 0x9400D3, "deeppink": 0xFF1493, "deepskyblue": 0x00BFFF, "dimgray": 0x696969, "dimgrey": 0x696969,
        "dodgerblue": 0x1E90FF, "firebrick": 0xB22222, "floralwhite": 0xFFFAF0, "forestgreen": 0x228B22, "fuchsia": 0xFF00FF,
        "gainsboro": 0xDCDCDC, "ghostwhite": 0xF8F8FF, "gold": 0xFFD700, "goldenrod": 0xDAA520, "gray": 0x808080,
        "green": 0x008000, "greenyellow": 0xADFF2F, "grey": 0x808080, "honeydew": 0xF0FFF0, "hotpink": 0xFF69B4,
        "indianred": 0xCD5C5C, "indigo": 0x4B0082, "ivory": 0xFFFFF0, "khaki": 0xF0E68C, "lavender": 0xE6E6FA,
        "lavenderblush": 0xFFF0F5, "lawngreen": 0x7CFC00, "lemonchiffon": 0xFFFACD, "lightblue": 0xADD8E6, "lightcoral": 0xF08080,
        "lightcyan": 0xE0FFFF, "lightgoldenrodyellow": 0xFAFAD2, "lightgray": 0xD3D3D3, "lightgreen": 0x90EE90, "lightgrey": 0xD3D3D3,
        "lightpink": 0xFFB6C1, "lightsalmon": 0xFFA07A, "lightseagreen": 0x20B2AA, "lightskyblue": 0x87CEFA,
        "lightslategray": 0x778899, "lightslategrey": 0x778899, "lightsteelblue": 0xB0C4DE, "lightyellow": 0xFFFFE0,
        "lime": 0x00FF00, "limegreen": 0x32CD32, "linen": 0xFAF0E6, "magenta": 0xFF00FF, "maroon": 0x800000,
        "mediumaquamarine": 0x66CDAA, "mediumblue": 0x0000CD, "mediumorchid": 0xBA55D3, "mediumpurple": 0x9370DB,
        "mediumseagreen": 0x3CB371, "mediumslateblue": 0x7B68EE, "mediumspringgreen": 0x00FA9A, "mediumturquoise": 0x48D1CC,
        "mediumvioletred": 0xC71585, "midnightblue": 0x191970, "mintcream": 0xF5FFFA, "mistyrose": 0xFFE4E1, "moccasin": 0xFFE4B5,
        "navajowhite": 0xFFDEAD, "navy": 0x000080, "oldlace": 0xFDF5E6, "olive": 0x808000, "olivedrab": 0x6B8E23,
        "orange": 0xFFA500, "orangered": 0xFF4500, "orchid": 0xDA70D6, "palegoldenrod": 0xEEE8AA, "palegreen": 0x98FB98,
        "paleturquoise": 0xAFEEEE, "palevioletred": 0xDB7093, "papayawhip": 0xFFEFD5, "peachpuff": 0xFFDAB9, "peru": 0xCD853F,
        "pink": 0xFFC0CB, "plum": 0xDDA0DD, "powderblue": 0xB0E0E6, "purple": 0x800080, "rebeccapurple": 0x663399,
        "red": 0xFF0000, "rosybrown": 0xBC8F8F, "royalblue": 0x4169E1, "saddlebrown": 0x8B4513, "salmon": 0xFA8072,
        "sandybrown": 0xF4A460, "seagreen": 0x2E8B57, "seashell": 0xFFF5EE, "sienna": 0xA0522D, "silver": 0xC0C0C0,
        "skyblue": 0x87CEEB, "slateblue": 0x6A5ACD, "slategray": 0x708090, "slategrey": 0x708090, "snow": 0xFFFAFA,
        "springgreen": 0x00FF7F, "steelblue": 0x4682B4, "tan": 0xD2B48C, "teal": 0x008080, "thistle": 0xD8BFD8,
        "tomato": 0xFF6347, "turquoise": 0x40E0D0, "violet": 0xEE82EE, "wheat": 0xF5DEB3, "white": 0xFFFFFF,
        "whitesmoke": 0xF5F5F5, "yellow": 0xFFFF00, "yellowgreen": 0x9ACD32,
    ]
}

import Foundation

/// Validates JSON values against the subset of JSON Schema (draft-07) that the
/// record schema uses: type, enum, required, properties, additionalProperties,
/// items, minimum, maximum, oneOf and local $ref.
struct SchemaValidator {
    let root: [String: Any]

    func validate(_ value: Any) -> [String] { check(value, root, "$") }

    private func resolve(_ schema: [String: Any]) -> [String: Any] {
        guard let ref = schema["$ref"] as? String, ref.hasPrefix("#/") else { return schema }
        var node: Any = root
        for part in ref.dropFirst(2).split(separator: "/") { node = (node as? [String: Any])?[String(part)] as Any }
        return node as? [String: Any] ?? [:]
    }

    private func typeName(_ v: Any) -> String {
        switch v {
        case is NSNull: return "null"
        case let n as NSNumber:
            // Records hold no booleans, so every number is an integer or a number.
            return n.doubleValue == n.doubleValue.rounded() ? "integer" : "number"
        case is String: return "string"
        case is [Any]: return "array"
        case is [String: Any]: return "object"
        default: return "unknown"
        }
    }

    private func check(_ value: Any, _ raw: [String: Any], _ path: String) -> [String] {
        let schema = resolve(raw)
        var problems: [String] = []
        if let options = schema["oneOf"] as? [[String: Any]] {
            let matches = options.filter { check(value, $0, path).isEmpty }.count
            if matches != 1 { problems.append("\(path): matches \(matches) of oneOf") }
        }
        if let t = schema["type"] {
            let allowed = (t as? [String]) ?? [t as! String]
            let actual = typeName(value)
            if !allowed.contains(actual) && !(actual == "integer" && allowed.contains("number")) {
                problems.append("\(path): \(actual) is not \(allowed)")
                return problems
            }
        }
        if let e = schema["enum"] as? [Any] {
            if !e.contains(where: { "\($0)" == "\(value)" }) { problems.append("\(path): \(value) not in enum") }
        }
        if let n = value as? NSNumber {
            if let m = schema["minimum"] as? NSNumber, n.doubleValue < m.doubleValue { problems.append("\(path): below minimum") }
            if let m = schema["maximum"] as? NSNumber, n.doubleValue > m.doubleValue { problems.append("\(path): above maximum") }
        }
        if let object = value as? [String: Any] {
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for key in schema["required"] as? [String] ?? [] where object[key] == nil { problems.append("\(path): missing \(key)") }
            for (key, v) in object {
                if let p = properties[key] as? [String: Any] {
                    problems += check(v, p, "\(path).\(key)")
                } else if (schema["additionalProperties"] as? Bool) == false {
                    problems.append("\(path): unexpected \(key)")
                }
            }
        }
        if let array = value as? [Any], let items = schema["items"] as? [String: Any] {
            for (i, v) in array.enumerated() { problems += check(v, items, "\(path)[\(i)]") }
        }
        return problems
    }
}

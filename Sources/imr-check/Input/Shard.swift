import Foundation

/// Which share of the inputs a run takes: `--shard I/N`, or `--shard auto` on a batch engine that
/// runs one copy of the command per array task and tells each its index in the environment.
struct Shard: Equatable {
    /// From 0.
    var index: Int
    var count: Int

    /// The engines `--shard auto` knows, the variables each sets, in the order they are tried.
    static let engines = """
    Slurm array job: SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_MIN, SLURM_ARRAY_TASK_COUNT (and SLURM_ARRAY_TASK_STEP; \
    a range such as --array=0-7 or 1-16:2); Kubernetes Indexed Job: JOB_COMPLETION_INDEX, with the count in \
    IMR_SHARD_COUNT (Kubernetes does not set one: give spec.completions); AWS Batch array job: \
    AWS_BATCH_JOB_ARRAY_INDEX and AWS_BATCH_JOB_ARRAY_SIZE
    """

    enum Problem: Error, Equatable {
        case malformed(String)
        case noEngine
        case engine(String)
    }

    /// Parses `--shard`'s value; `environment` is read for `auto`.
    static func parse(_ raw: String, environment: [String: String]) -> Result<Shard, Problem> {
        if raw == "auto" { return fromEnvironment(environment) }
        let parts = raw.split(separator: "/")
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, i >= 1, i <= n else { return .failure(.malformed(raw)) }
        return .success(Shard(index: i - 1, count: n))
    }

    static func fromEnvironment(_ env: [String: String]) -> Result<Shard, Problem> {
        func int(_ name: String) -> Int? { env[name].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } }
        func check(_ index: Int?, _ count: Int?, _ engine: String, _ countName: String) -> Result<Shard, Problem> {
            guard let count else { return .failure(.engine("\(engine): \(countName) is not set to a number")) }
            guard let index, count >= 1, index >= 0, index < count else {
                return .failure(.engine("\(engine): the task index \(index.map(String.init) ?? "?") is not within 0..<\(count)"))
            }
            return .success(Shard(index: index, count: count))
        }
        if let id = int("SLURM_ARRAY_TASK_ID") {
            let min = int("SLURM_ARRAY_TASK_MIN") ?? 0, step = max(int("SLURM_ARRAY_TASK_STEP") ?? 1, 1)
            guard (id - min) % step == 0 else { return .failure(.engine("Slurm: task \(id) is not on the array's range \(min)…:\(step)")) }
            return check((id - min) / step, int("SLURM_ARRAY_TASK_COUNT"), "Slurm", "SLURM_ARRAY_TASK_COUNT")
        }
        if let index = int("JOB_COMPLETION_INDEX") {
            return check(index, int("IMR_SHARD_COUNT"), "Kubernetes Indexed Job", "IMR_SHARD_COUNT (the Job's spec.completions)")
        }
        if let index = int("AWS_BATCH_JOB_ARRAY_INDEX") {
            return check(index, int("AWS_BATCH_JOB_ARRAY_SIZE") ?? int("IMR_SHARD_COUNT"), "AWS Batch", "AWS_BATCH_JOB_ARRAY_SIZE")
        }
        return .failure(.noEngine)
    }
}

import { openLibrary } from "../library";
import { runJob } from "../schedule";
import { planbookVersion } from "../version";
import { CliError, type Command } from "./command";
import { libraryPathForCli, loadJobsForCli } from "./schedule";

export const runJobCommand: Command = {
  name: "run-job",
  summary: "run one job of a jobs file once now (for cron, systemd timers, Task Scheduler)",
  usage: [
    "usage: planbook run-job NAME [--jobs FILE] [--library PATH] [--no-email] [--json]",
    "",
    "  NAME            the job's name in the jobs file",
    "  --jobs FILE     the jobs file (default: reports.yml in the current directory)",
    "  --library PATH  the plan library (default: $PLANBOOK_LIBRARY or .planbook/library.db)",
    "  --no-email      render and record, but send no mail",
    "  --json          print the run record as JSON",
    "",
    "Exit 0 when the run succeeded or was skipped because another run of the job is in progress;",
    "1 when rendering or mailing failed (the workbook is kept); 2 for a mistake in the jobs file.",
  ].join("\n"),
  options: {
    jobs: { type: "string", short: "j" },
    library: { type: "string", short: "l" },
    "no-email": { type: "boolean" },
    json: { type: "boolean" },
  },
  async run({ values, positionals }, io) {
    if (positionals.length !== 1) throw new CliError("run-job: give one job name (planbook run-job NAME)", 2);
    const jobsFile = loadJobsForCli(typeof values.jobs === "string" ? values.jobs : undefined, io, "run-job");
    const job = jobsFile.jobs.find((j) => j.name === positionals[0]);
    if (!job) throw new CliError(`run-job: no job "${positionals[0]}" in ${jobsFile.path} (jobs: ${jobsFile.jobs.map((j) => j.name).join(", ")})`, 2);
    const library = openLibrary(libraryPathForCli(values.library, io));
    try {
      const { record } = await runJob(job, {
        library,
        jobsFile,
        env: io.env,
        trigger: "manual",
        version: planbookVersion(),
        log: (line) => io.warn(line),
        sendEmail: values["no-email"] !== true,
      });
      if (values.json) io.out(JSON.stringify(record, null, 2));
      else io.out(`run ${record.id} ${record.status}: ${record.output ?? "no output"}${record.emailStatus ? `, email ${record.emailStatus}` : ""}${record.emailedTo.length ? ` to ${record.emailedTo.join(", ")}` : ""}`);
      if (record.status === "failed") throw new CliError(`run-job: ${job.name}: ${record.error ?? "failed"}`);
      return 0;
    } finally {
      library.close();
    }
  },
};

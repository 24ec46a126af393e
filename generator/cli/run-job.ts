import { openLibrary } from "../library";
import { MailConfigError, resolveMailSettings, runJob } from "../schedule";
import { planbookVersion } from "../version";
import { CliError, type Command } from "./command";
import { errorLine } from "./errors";
import { libraryPathForCli, loadJobsForCli } from "./schedule";
import { oneLine, toJson } from "./terminal";

const STATUS: Record<string, string> = { ok: "成功", failed: "失败", skipped: "已跳过", running: "进行中" };
const EMAIL: Record<string, string> = { off: "不发送", sent: "已发送", unchanged: "内容未变，未发送", failed: "发送失败" };

export const runJobCommand: Command = {
  name: "run-job",
  summary: "立即运行任务文件中的一个任务一次（供 cron、systemd 定时器、任务计划程序调用）",
  usage: [
    "用法：planbook run-job NAME [--jobs FILE] [--library PATH] [--no-email] [--json]",
    "",
    "  NAME            任务文件中的任务名",
    "  --jobs FILE     任务文件（默认当前文件夹中的 reports.yml）",
    "  --library PATH  规划库（默认 $PLANBOOK_LIBRARY 或 .planbook/library.db）",
    "  --no-email      生成并记录，但不发送邮件",
    "  --json          以 JSON 输出运行记录",
    "",
    "退出码：0 运行成功，或因同一任务正在运行而跳过；1 生成或发送失败（工作簿保留）；",
    "2 任务文件或邮件设置有误（此时什么也不生成）。",
  ].join("\n"),
  options: {
    jobs: { type: "string", short: "j" },
    library: { type: "string", short: "l" },
    "no-email": { type: "boolean" },
    json: { type: "boolean" },
  },
  async run({ values, positionals }, io) {
    if (positionals.length !== 1) throw new CliError("run-job：请给出一个任务名（planbook run-job NAME）", 2);
    const jobsFile = loadJobsForCli(typeof values.jobs === "string" ? values.jobs : undefined, io, "run-job");
    const job = jobsFile.jobs.find((j) => j.name === positionals[0]);
    if (!job) throw new CliError(`run-job：${jobsFile.path} 中没有任务“${oneLine(positionals[0])}”（有：${jobsFile.jobs.map((j) => j.name).join("、")}）`, 2);
    const sendEmail = values["no-email"] !== true;
    // a bad SMTP URL (a stray % escape, no host) is a mistake in the settings: say so before rendering anything
    if (job.email && sendEmail) {
      try {
        resolveMailSettings(jobsFile.smtp, io.env);
      } catch (e) {
        if (e instanceof MailConfigError) throw new CliError(`run-job：${job.name}：${e.message}`, 2);
        throw e;
      }
    }
    const libraryPath = libraryPathForCli(values.library, io);
    let library;
    try {
      library = openLibrary(libraryPath);
    } catch (e) {
      throw new CliError(`run-job：${errorLine(e, `打开规划库 ${libraryPath} `)}`);
    }
    try {
      const { record } = await runJob(job, {
        library,
        jobsFile,
        env: io.env,
        trigger: "manual",
        version: planbookVersion(),
        log: (line) => io.warn(line),
        sendEmail,
        onAbandon: io.onAbandon,
      });
      if (values.json) io.out(toJson(record));
      else {
        const email = record.emailStatus ? `，邮件${EMAIL[record.emailStatus] ?? record.emailStatus}` : "";
        const to = record.emailedTo.length ? `：${record.emailedTo.join(", ")}` : "";
        io.out(`运行 ${record.id} ${STATUS[record.status] ?? record.status}：${record.output ?? "没有输出"}${email}${to}`);
      }
      if (record.status === "failed") throw new CliError(`run-job：${job.name}：${oneLine(record.error ?? "失败")}`);
      return 0;
    } finally {
      library.close();
    }
  },
};

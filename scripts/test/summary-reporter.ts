import { relative } from "node:path";
import { writeFileSync } from "node:fs";
import type { Reporter, TestModule } from "vitest/node";

// Prints the plain "N passed, N failed, N skipped" line CI reads, and leaves the counts (and the
// names of what failed, so the last lines of a CI log say which test broke) in VITEST_SUMMARY_FILE
// for scripts/test-all.sh to add up across suites.
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>) {
    let passed = 0;
    let skipped = 0;
    const failures: string[] = [];
    for (const testModule of testModules) {
      const file = relative(process.cwd(), testModule.moduleId);
      for (const test of testModule.children.allTests()) {
        const result = test.result();
        if (result.state === "passed") passed++;
        else if (result.state === "failed") {
          const message = result.errors?.[0]?.message?.split("\n")[0] ?? "";
          failures.push(`${file} › ${test.fullName} :: ${message.slice(0, 300)}`);
        } else skipped++;
      }
      if (testModule.state() === "failed" && [...testModule.children.allTests()].length === 0) {
        const message = testModule.errors()[0]?.message?.split("\n")[0] ?? "";
        failures.push(`${file} (module failed to load) :: ${message.slice(0, 300)}`);
      }
    }
    const failed = failures.length;
    console.log(`vitest: ${passed} passed, ${failed} failed, ${skipped} skipped`);
    for (const failure of failures) console.log(`  FAILED ${failure}`);
    if (process.env.VITEST_SUMMARY_FILE) {
      writeFileSync(process.env.VITEST_SUMMARY_FILE, JSON.stringify({ passed, failed, skipped, failures }));
    }
  }
}

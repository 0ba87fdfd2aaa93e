/**
 * Where a build writes: a staging folder next to the final one (one filesystem, so the
 * swap is a rename), per process, since builds of other content folders may run at the
 * same time. The final folder is replaced only by a complete, checked site; a failed build
 * removes its staging folder and leaves the previous site in place.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface Output {
  finalDir: string;
  workDir: string;
  stagingDir: string;
  /** Removes this build's staging folder (and the work folder when it is empty). */
  discard(): void;
  /** Puts the staged site in place of the final folder. */
  swap(): void;
}

const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

export function prepareOutput(finalDir: string): Output {
  const workDir = path.join(path.dirname(finalDir), '.kb-build');
  const stagingDir = path.join(workDir, `staging-${process.pid}`);
  const previousDir = path.join(workDir, `previous-${process.pid}`);
  fs.mkdirSync(workDir, { recursive: true });
  // Leftovers of builds that were killed; folders of builds still running are theirs.
  for (const name of fs.readdirSync(workDir)) {
    const pid = Number(/-(\d+)(\.json)?$/.exec(name)?.[1]);
    if (!pid || !isRunning(pid) || pid === process.pid)
      fs.rmSync(path.join(workDir, name), { recursive: true, force: true });
  }
  const removeEmptyWorkDir = () => {
    if (fs.existsSync(workDir) && fs.readdirSync(workDir).length === 0)
      fs.rmSync(workDir, { recursive: true, force: true });
  };
  return {
    finalDir,
    workDir,
    stagingDir,
    discard() {
      fs.rmSync(stagingDir, { recursive: true, force: true });
      removeEmptyWorkDir();
    },
    swap() {
      if (fs.existsSync(finalDir)) fs.renameSync(finalDir, previousDir);
      fs.renameSync(stagingDir, finalDir);
      fs.rmSync(previousDir, { recursive: true, force: true });
      removeEmptyWorkDir();
    },
  };
}

/**
 * Where a build writes: a staging folder next to the final one (one filesystem, so the
 * swap is a rename), per process, since builds of other content folders may run at the
 * same time. The final folder is replaced only by a complete, checked site; a failed build
 * removes its staging folder and leaves the previous site in place.
 *
 * The site a swap replaces is not deleted then: deleting thousands of files took ~5 s of
 * a 55 s edit-one rebuild of 1,000 articles, at its very end. It is moved aside into the
 * cache folder (`kb-retired/`) and the next build deletes it in the background while its
 * own stages run, when this process mostly waits for Astro and Pagefind. Where the cache
 * folder is on another filesystem (no rename), it is deleted at once as before.
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

/** Deletes the sites earlier swaps retired, without blocking this build. */
function clearRetired(retiredRoot: string): Promise<void> {
  if (!fs.existsSync(retiredRoot)) return Promise.resolve();
  return Promise.all(
    fs.readdirSync(retiredRoot).map((name) =>
      // Another build of the same content may be deleting it too: whoever is first wins.
      fs.promises.rm(path.join(retiredRoot, name), { recursive: true, force: true }).catch(() => {}),
    ),
  ).then(() => {});
}

/** `retiredRoot`: where replaced sites wait to be deleted (inside the cache folder). */
export function prepareOutput(finalDir: string, retiredRoot: string): Output {
  const workDir = path.join(path.dirname(finalDir), '.kb-build');
  const stagingDir = path.join(workDir, `staging-${process.pid}`);
  const previousDir = path.join(workDir, `previous-${process.pid}`);
  const retiredDir = path.join(retiredRoot, `site-${process.pid}-${Date.now()}`);
  fs.mkdirSync(workDir, { recursive: true });
  // Runs while the stages run; the process does not end before it is done.
  void clearRetired(retiredRoot);
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
      let retired = false;
      if (fs.existsSync(finalDir)) {
        try {
          fs.mkdirSync(retiredRoot, { recursive: true });
          fs.renameSync(finalDir, retiredDir);
          retired = true;
        } catch {
          fs.renameSync(finalDir, previousDir);
        }
      }
      fs.renameSync(stagingDir, finalDir);
      if (!retired) fs.rmSync(previousDir, { recursive: true, force: true });
      removeEmptyWorkDir();
    },
  };
}

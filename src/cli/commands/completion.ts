import { Argument, Command, type Option } from 'commander';

/** What can follow one command path (`node compose`): its subcommands, flags and flag values. */
interface Place {
  path: string;
  words: Array<{ word: string; about: string }>;
  flags: Array<{ word: string; about: string }>;
  /** Flags that take a value: its choices, 'files', or nothing to offer. */
  values: Array<{ flag: string; offer: readonly string[] | 'files' | 'none' }>;
}

/** `covalence completion bash|zsh`: a script generated from the command tree, so it never falls behind it. */
export function completionCommand(): Command {
  return new Command('completion')
    .description('Print a shell completion script: source <(covalence completion bash), or zsh')
    .addArgument(new Argument('<shell>').choices(['bash', 'zsh']))
    .action((shell: 'bash' | 'zsh', _o, cmd: Command) => {
      const places = placesOf(cmd.parent!);
      process.stdout.write(shell === 'bash' ? bashScript(places) : zshScript(places));
    });
}

function placesOf(root: Command): Place[] {
  const help = root.createHelp();
  const walk = (cmd: Command, path: string): Place[] => {
    const subs = help.visibleCommands(cmd).filter((c) => c.name() !== 'help');
    const options = help.visibleOptions(cmd);
    const place: Place = {
      path,
      words: [
        ...subs.map((c) => ({ word: c.name(), about: c.description() })),
        ...cmd.registeredArguments.flatMap((a) => a.argChoices ?? []).map((word) => ({ word, about: '' })),
      ],
      flags: options.flatMap((o) => [o.long, o.short].filter((f): f is string => !!f).map((word) => ({ word, about: o.description }))),
      values: options.filter((o) => o.required || o.optional).flatMap((o) => [o.long, o.short].filter((f): f is string => !!f).map((flag) => ({ flag, offer: offerOf(o) }))),
    };
    return [place, ...subs.flatMap((c) => walk(c, path ? `${path} ${c.name()}` : c.name()))];
  };
  return walk(root, '');
}

const offerOf = (o: Option): Place['values'][number]['offer'] => o.argChoices ?? (/<(file|pem)>|(file|dir) </.test(o.flags) ? 'files' : 'none');

/** `case` patterns ('path --flag') grouped by what the shell does after the flag. */
function valueCases(places: Place[], action: (offer: Place['values'][number]['offer']) => string): Array<[string[], string]> {
  const cases = new Map<string, string[]>();
  for (const p of places) for (const v of p.values) {
    const a = action(v.offer);
    cases.set(a, [...(cases.get(a) ?? []), quote(`${p.path} ${v.flag}`)]);
  }
  return [...cases].map(([a, keys]) => [keys, a]);
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
const pathsLine = (places: Place[]) => `|${places.map((p) => p.path).join('|')}|`;

function bashScript(places: Place[]): string {
  const values = valueCases(places, (offer) =>
    offer === 'files' ? 'COMPREPLY=($(compgen -f -- "$cur"))' : offer === 'none' ? 'COMPREPLY=()' : `COMPREPLY=($(compgen -W ${quote(offer.join(' '))} -- "$cur"))`)
    .map(([keys, action]) => `    ${keys.join('|')}) ${action}; return ;;`);
  const words = (pick: (p: Place) => Array<{ word: string }>) =>
    places.map((p) => `      ${quote(p.path)}) words=${quote(pick(p).map((w) => w.word).join(' '))} ;;`);
  return `# covalence completion for bash. Load it with:  source <(covalence completion bash)
_covalence() {
  local cur=\${COMP_WORDS[COMP_CWORD]} prev=\${COMP_WORDS[COMP_CWORD-1]} path='' key i words=''
  for ((i = 1; i < COMP_CWORD; i++)); do
    key=\${path:+$path }\${COMP_WORDS[i]}
    case ${quote(pathsLine(places))} in *"|$key|"*) path=$key ;; esac
  done
  case "$path $prev" in
${values.join('\n')}
  esac
  if [[ $cur == -* ]]; then
    case "$path" in
${words((p) => p.flags).join('\n')}
    esac
  else
    case "$path" in
${words((p) => p.words).join('\n')}
    esac
  fi
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -F _covalence covalence
`;
}

function zshScript(places: Place[]): string {
  const values = valueCases(places, (offer) => (offer === 'files' ? '_files' : offer === 'none' ? ':' : `compadd -- ${offer.map(quote).join(' ')}`))
    .map(([keys, action]) => `    (${keys.join('|')}) ${action}; return ;;`);
  const entries = (pick: (p: Place) => Array<{ word: string; about: string }>) =>
    places.map((p) => `      (${quote(p.path)}) entries=(${pick(p).map((w) => quote(w.about ? `${w.word}:${w.about}` : w.word)).join(' ')}) ;;`);
  return `#compdef covalence
# covalence completion for zsh. Load it with:  source <(covalence completion zsh)
# or save it as _covalence in a directory of $fpath.
_covalence() {
  local p='' key i
  local -a entries
  for (( i = 2; i < CURRENT; i++ )); do
    key=\${p:+$p }\${words[i]}
    case ${quote(pathsLine(places))} in (*"|$key|"*) p=$key ;; esac
  done
  case "$p \${words[CURRENT-1]}" in
${values.join('\n')}
  esac
  if [[ \${words[CURRENT]} == -* ]]; then
    case "$p" in
${entries((p) => p.flags).join('\n')}
    esac
  else
    case "$p" in
${entries((p) => p.words).join('\n')}
    esac
  fi
  _describe -t covalence covalence entries
}
if [[ \${funcstack[1]} == _covalence ]]; then _covalence "$@"; else compdef _covalence covalence; fi
`;
}

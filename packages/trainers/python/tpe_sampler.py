"""Trainyard's TPE sampler: Optuna's TPESampler behind core's Sampler (ask and tell) over stdio.

Same framing as trainer.py (protocol.py: one JSON header line per request, no binary frame here).
Out: one `ready` line with the Optuna version, then one `result` or `error` per request.
Requests:
  {"id","kind":"init","space":{name: {"kind":"list","values":[...]} |
                                     {"kind":"range","low","high","log","integer"}},
   "seed", "startup_trials", "trials":[{"params","state":"completed"|"pruned"|"failed","value","epoch"}]}
      -> {"replayed": n}   (stored trials of a resumed sweep, added with study.add_trial)
  {"id","kind":"ask"}                                  -> {"number", "params"}
  {"id","kind":"tell","number","state","value","epoch"} -> {}
The study maximises the value (validation accuracy or r2). A list of one value is a constant and is
not given to Optuna. Same seed and same stored trials give the same suggestions.
"""
import sys
import traceback

import protocol


class _Search:
    def __init__(self, optuna, header):
        self.optuna = optuna
        self.fixed = {}
        self.distributions = {}
        for name, domain in header['space'].items():
            if domain['kind'] == 'list':
                values = domain['values']
                if len(values) == 1:
                    self.fixed[name] = values[0]
                else:
                    self.distributions[name] = optuna.distributions.CategoricalDistribution(values)
            elif domain['integer']:
                self.distributions[name] = optuna.distributions.IntDistribution(
                    int(domain['low']), int(domain['high']), log=bool(domain['log']))
            else:
                self.distributions[name] = optuna.distributions.FloatDistribution(
                    float(domain['low']), float(domain['high']), log=bool(domain['log']))
        sampler = optuna.samplers.TPESampler(
            seed=int(header['seed']), n_startup_trials=int(header.get('startup_trials', 10)))
        self.study = optuna.create_study(direction='maximize', sampler=sampler)
        self.trials = {}
        self.replayed = sum(1 for stored in header.get('trials', []) if self._replay(stored))

    def _replay(self, stored):
        from optuna.trial import TrialState, create_trial
        params = {k: v for k, v in stored['params'].items() if k in self.distributions}
        state = stored['state']
        value = stored.get('value')
        try:
            if state == 'completed' and value is not None:
                trial = create_trial(params=params, distributions=self.distributions, value=value)
            elif state == 'pruned':
                intermediate = {int(stored.get('epoch') or 0): value} if value is not None else {}
                trial = create_trial(params=params, distributions=self.distributions,
                                     state=TrialState.PRUNED, intermediate_values=intermediate)
            else:
                trial = create_trial(params=params, distributions=self.distributions, state=TrialState.FAIL)
            self.study.add_trial(trial)
            return True
        except ValueError as err:  # a stored value outside the space (the sweep's fields changed)
            print(f'TPE sampler skipped a stored trial: {err}', file=sys.stderr)
            return False

    def ask(self):
        trial = self.study.ask(fixed_distributions=self.distributions)
        self.trials[trial.number] = trial
        return {'number': trial.number, 'params': {**self.fixed, **trial.params}}

    def tell(self, header):
        from optuna.trial import TrialState
        trial = self.trials.pop(int(header['number']))
        state = header['state']
        value = header.get('value')
        if state == 'completed' and value is not None:
            self.study.tell(trial, value)
        elif state == 'pruned':
            if value is not None:
                trial.report(value, int(header.get('epoch') or 0))
            self.study.tell(trial, state=TrialState.PRUNED)
        else:
            self.study.tell(trial, state=TrialState.FAIL)
        return {}


def main():
    protocol.claim_stdout()
    try:
        import optuna
        optuna.logging.set_verbosity(optuna.logging.WARNING)
    except Exception as err:  # noqa: BLE001
        protocol.emit({'type': 'error', 'code': 'ENGINE_UNAVAILABLE', 'message': str(err)})
        return 3
    protocol.emit({'type': 'ready', 'info': {'optuna': optuna.__version__}})
    state = {'search': None}

    def handle(header, _arrays):
        request_id = header.get('id')
        try:
            kind = header.get('kind')
            search = state['search']
            if kind == 'init':
                state['search'] = _Search(optuna, header)
                result = {'replayed': state['search'].replayed}
            elif search is None:
                raise ValueError(f'{kind!r} before init')
            elif kind == 'ask':
                result = search.ask()
            elif kind == 'tell':
                result = search.tell(header)
            else:
                raise ValueError(f'Unknown request kind: {kind!r}')
            protocol.emit({'type': 'result', 'id': request_id, 'result': result})
        except Exception:  # noqa: BLE001 — a bad request is data; the detail goes to the log
            protocol.emit({'type': 'error', 'id': request_id, 'code': 'BAD_REQUEST',
                           'message': 'TPE sampler could not serve the request',
                           'detail': traceback.format_exc()[-4000:]})

    return protocol.serve(handle)

if __name__ == '__main__':
    sys.exit(main())

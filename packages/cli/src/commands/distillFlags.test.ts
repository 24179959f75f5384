import { describe, expect, it } from 'vitest';
import { parseDistillFlags } from './distillFlags.js';

const teacher = {
  params: {
    epochs: 30,
    batchSize: 16,
    learningRate: 0.05,
    testSize: 0.2,
    hiddenDim: 64,
    numHiddenLayers: 2,
    dropout: 0.1,
    seed: 42,
  },
};

describe('parseDistillFlags', () => {
  it('takes epochs, batch size and learning rate from the teacher unless given', () => {
    const parsed = parseDistillFlags({ teacher: 'mdl-1', epochs: '5' });
    expect(parsed.ok && parsed.build(teacher)).toEqual({
      teacherModelId: 'mdl-1',
      hiddenDim: 16,
      numHiddenLayers: 1,
      temperature: 4,
      alpha: 0.7,
      epochs: 5,
      batchSize: 16,
      learningRate: 0.05,
    });
  });

  it('names the flag and the value of a bad number', () => {
    expect(parseDistillFlags({ teacher: 'mdl-1', alpha: '2' })).toEqual({
      ok: false,
      error: '--alpha: Alpha out of range (0-1): 2',
    });
    expect(parseDistillFlags({ teacher: 'mdl-1', hiddenDims: '16,32' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^--hidden-dims: .*16,32/),
    });
    expect(parseDistillFlags({ teacher: 'mdl-1', temperature: '0' })).toMatchObject({
      ok: false,
      error: expect.stringContaining('--temperature'),
    });
  });

  it('requires a teacher', () => {
    expect(parseDistillFlags({})).toMatchObject({ ok: false, error: expect.stringContaining('--teacher') });
  });

  it('passes --compare-scratch, --dropout and --seed through', () => {
    const parsed = parseDistillFlags({ teacher: 'mdl-1', compareScratch: true, dropout: '0', seed: '3' });
    expect(parsed.ok && parsed.build(teacher)).toMatchObject({ compareScratch: true, dropout: 0, seed: 3 });
  });
});

import { describe, expect, it } from 'vitest';
import { classifyTask } from '../../../src/decide/classify-task.js';
import { taskType } from '../../../src/decide/rules/task-type.js';

describe('task-type', () => {
  it('no task: nothing to say', () => {
    expect(taskType({})).toEqual({ trace: { rule: 'task-type', fired: false, code: 'no-task' } });
  });

  it.each(['convert this CSV file to JSON', 'design the architecture for a multi-tenant scheduler'])(
    "the classifier's tier and confidence: %s",
    (task) => {
      const classification = classifyTask(task);
      expect(taskType({ classification })).toEqual({
        pick: { tier: classification.tier, rule: 'task-type' },
        trace: {
          rule: 'task-type',
          fired: true,
          code: 'classified',
          tier: classification.tier,
          confidence: classification.confidence,
        },
      });
    },
  );
});

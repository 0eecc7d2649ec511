export const id = 143;
export const ids = [143];
export const modules = {

/***/ 143:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   restoreNative: () => (/* binding */ restoreNative)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2635);
/* harmony import */ var _context_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5446);
/* harmony import */ var _inspect_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4081);
/* harmony import */ var _drive_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6645);
/**
 * The post step of a native run killed mid-deployment: from the checkpoint's service deployment
 * ARN, ECS rolls it back, production is verified on the original target group, and the team's
 * deployment configuration is written back. Nothing to do when the run ended (`done`) or
 * paused on purpose (blue-green prepare).
 */




async function restoreNative(saved, timing, ports) {
    const phase = saved(_context_js__WEBPACK_IMPORTED_MODULE_1__/* .STATE */ .c4.phase);
    if (phase !== 'deploying' && !(phase === 'inspect' && saved(_context_js__WEBPACK_IMPORTED_MODULE_1__/* .STATE */ .c4.configChanged) === 'true'))
        return undefined;
    const plan = {
        cluster: saved(_context_js__WEBPACK_IMPORTED_MODULE_1__/* .STATE */ .c4.cluster),
        service: saved(_context_js__WEBPACK_IMPORTED_MODULE_1__/* .STATE */ .c4.service),
        configMode: 'action',
        bakeMs: 0,
        extensionMs: 0,
        gates: () => [],
        ...timing,
    };
    const run = (0,_context_js__WEBPACK_IMPORTED_MODULE_1__/* .nativeRunPorts */ .Xn)(ports);
    const recorder = new _context_js__WEBPACK_IMPORTED_MODULE_1__/* .NativeRecorder */ .gP('post', plan.cluster, plan.service, ports.clock, ports.log);
    if (saved(_context_js__WEBPACK_IMPORTED_MODULE_1__/* .STATE */ .c4.configChanged) === 'true')
        recorder.report.configSnapshot = saved(_context_js__WEBPACK_IMPORTED_MODULE_1__/* .STATE */ .c4.snapshot);
    // Killed between UpdateService and saving the ARN: the service's active deployment is the run's.
    const arn = saved(_context_js__WEBPACK_IMPORTED_MODULE_1__/* .STATE */ .c4.deployment) ||
        (phase === 'deploying' ? (await run.restore.listDeployments(plan.service, _inspect_js__WEBPACK_IMPORTED_MODULE_2__/* .ACTIVE_STATUSES */ .az))[0]?.arn : undefined);
    if (!arn) {
        const error = await (0,_drive_js__WEBPACK_IMPORTED_MODULE_3__/* .restoreConfiguration */ .RQ)(run, recorder);
        run.checkpoint.save(_context_js__WEBPACK_IMPORTED_MODULE_1__/* .STATE */ .c4.phase, 'done');
        return { report: recorder.finish(error ? 'failed' : 'restored'), error };
    }
    recorder.report.serviceDeploymentArn = arn;
    try {
        recorder.note(`The run was interrupted during ${arn}: rolling it back`);
        const service = await run.restore.describeService(plan.service);
        const wiring = (0,_inspect_js__WEBPACK_IMPORTED_MODULE_2__/* .checkWiring */ .h)(service);
        const original = saved(_context_js__WEBPACK_IMPORTED_MODULE_1__/* .STATE */ .c4.originalTargetGroup);
        const pair = [wiring.targetGroupArn, wiring.alternateTargetGroupArn];
        const topology = { service, wiring, originalTargetGroup: original, newTargetGroup: pair.find((tg) => tg !== original) };
        await (0,_drive_js__WEBPACK_IMPORTED_MODULE_3__/* .requestRollback */ .WT)(arn, 'the run was interrupted', run, recorder);
        const ended = await (0,_drive_js__WEBPACK_IMPORTED_MODULE_3__/* .waitForEnd */ .kh)(arn, plan, run, recorder);
        return await (0,_drive_js__WEBPACK_IMPORTED_MODULE_3__/* .conclude */ .Ep)(ended, topology, plan, run, recorder, new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .DeployError */ .sH('The run was cancelled; ECS rolled the deployment back'));
    }
    catch (error) {
        return (0,_drive_js__WEBPACK_IMPORTED_MODULE_3__/* .finish */ .O9)('failed', run, recorder, error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .DeployError */ .sH ? error : new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .DeployError */ .sH(`Post-step rollback failed: ${String(error)}`));
    }
}


/***/ })

};

export const id = 185;
export const ids = [185];
export const modules = {

/***/ 1185:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   wire: () => (/* binding */ wire)
/* harmony export */ });
/* harmony import */ var _shared_aws_ecs_fleet_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4378);
/* harmony import */ var _shared_aws_elb_targets_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5918);
/* harmony import */ var _shared_wiring_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1058);



/** The only place rollback builds adapters (loaded once the inputs are valid). */
function wire(inputs, context) {
    const { mode, cluster, to, reason } = inputs;
    const timing = { pollMs: inputs['poll-interval'], waitTimeoutMs: inputs['wait-timeout'] };
    const { record, onTaskDefinition } = context;
    const extensionMs = inputs['inconclusive-timeout'] ?? inputs['bake-time'];
    (0,_shared_wiring_js__WEBPACK_IMPORTED_MODULE_2__/* .warnIfRunOutlivesCredentials */ .A_)(inputs, { bakeMs: inputs['bake-time'], extensionMs, waitTimeoutMs: inputs['wait-timeout'] }, 1, context.log);
    if (mode.kind === 'service') {
        const { clients } = (0,_shared_wiring_js__WEBPACK_IMPORTED_MODULE_2__/* .roleSession */ .Rj)(inputs, context.checkpoint, context.signal);
        // Asked only for the target health of the service's own target group: no listener involved.
        const health = new _shared_aws_elb_targets_js__WEBPACK_IMPORTED_MODULE_1__/* .ElbTargets */ .u(clients.elb);
        const fleet = new _shared_aws_ecs_fleet_js__WEBPACK_IMPORTED_MODULE_0__/* .EcsFleet */ .M(clients.ecs, cluster);
        return {
            kind: 'service',
            plan: { cluster, service: mode.service, to, reason, ...timing },
            ports: { fleet, health, clock: context.clock, log: context.log, record, onTaskDefinition },
        };
    }
    const { ports, clients } = (0,_shared_wiring_js__WEBPACK_IMPORTED_MODULE_2__/* .awsPorts */ .E_)({ ...inputs, router: mode.router }, context);
    return {
        kind: 'colors',
        plan: {
            cluster,
            services: mode.services,
            to,
            reason,
            ...timing,
            bakeMs: inputs['bake-time'],
            extensionMs,
            gates: (0,_shared_wiring_js__WEBPACK_IMPORTED_MODULE_2__/* .trafficGates */ .cm)(clients, mode.router.arn, inputs),
        },
        ports: { ...ports, record, onTaskDefinition },
    };
}


/***/ })

};
